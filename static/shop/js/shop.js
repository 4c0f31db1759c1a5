/* ODOP Bazaar storefront behaviour, without jQuery or Bootstrap (loaded with `defer`).
   Replaces what Oscar's ui.js did on shopper pages: basket line links, voucher form, one submit per
   form, sort and facet widgets, the checkout gateway's password field, dismissable messages; and adds
   the pincode delivery check, the product gallery, the filter panel and the sticky buy bar. */
(function () {
  "use strict";
  var doc = document;

  function on(selector, type, handler) {
    doc.addEventListener(type, function (event) {
      var target = event.target.closest ? event.target.closest(selector) : null;
      if (target) { handler.call(target, event, target); }
    });
  }

  /* Messages: the close button removes its alert. */
  on("[data-dismiss=alert]", "click", function (event, el) {
    event.preventDefault();
    var alert = el.closest(".alert");
    if (alert) { alert.remove(); }
  });

  /* Basket lines: "Remove", "Save for later", "Move to basket" tick their hidden box and submit
     the formset as an ordinary POST (Oscar's basket view answers it with a redirect). */
  function tickAndSubmit(el, prefix, suffix) {
    var box = doc.getElementById("id_" + prefix + "-" + el.getAttribute("data-id") + "-" + suffix);
    var form = el.closest("form");
    if (!box || !form || form.dataset.submitting) { return; }
    box.checked = true;
    form.dataset.submitting = "1";
    form.submit();
  }
  on("#basket_formset a[data-behaviours~=remove]", "click", function (e, el) { e.preventDefault(); tickAndSubmit(el, "form", "DELETE"); });
  on("#basket_formset a[data-behaviours~=save]", "click", function (e, el) { e.preventDefault(); tickAndSubmit(el, "form", "save_for_later"); });
  on("#saved_basket_formset a[data-behaviours~=move]", "click", function (e, el) { e.preventDefault(); tickAndSubmit(el, "saved", "move_to_basket"); });
  on("#saved_basket_formset a[data-behaviours~=remove]", "click", function (e, el) { e.preventDefault(); tickAndSubmit(el, "saved", "DELETE"); });

  /* Voucher form: shown by its link. */
  function voucher(show) {
    var box = doc.getElementById("voucher_form_container");
    var link = doc.getElementById("voucher_form_link");
    if (!box) { return; }
    box.hidden = !show; box.style.display = show ? "block" : "none";
    if (link) { link.hidden = show; link.style.display = show ? "none" : ""; }
    if (show) { var code = doc.getElementById("id_code"); if (code) { code.focus(); } }
  }
  on("#voucher_form_link a", "click", function (e) { e.preventDefault(); voucher(true); });
  on("#voucher_form_cancel", "click", function (e) { e.preventDefault(); voucher(false); });

  /* One submit per form: buttons with data-loading-text, and forms marked data-behaviours="lock". */
  doc.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented) { return; }
    if (form.matches("form[data-behaviours~=lock]")) {
      if (form.dataset.locked) { event.preventDefault(); return; }
      form.dataset.locked = "1";
    }
    var button = event.submitter;
    if (button && button.hasAttribute("data-loading-text")) {
      setTimeout(function () {
        button.textContent = button.getAttribute("data-loading-text");
        button.disabled = true;
      });
    }
  });

  /* Search: the sort select submits its form; facet checkboxes follow their URL. */
  on("#id_sort_by, select[data-autosubmit]", "change", function (e, el) { if (el.form) { el.form.submit(); } });
  on(".facet_checkbox", "change", function (e, el) {
    var url = el.parentNode.querySelector(".facet_url");
    if (url) { window.location.href = url.value; }
  });

  /* Checkout gateway: the password is only asked for an existing account. */
  function gateway() {
    var checked = doc.querySelector("form input[name=options]:checked");
    var pw = doc.getElementById("id_password");
    if (!checked || !pw) { return; }
    pw.disabled = checked.value === "anonymous" || checked.value === "new";
  }
  on("form input[name=options]", "change", gateway);

  /* Pincode delivery check (product page and basket). Strings come from data attributes. */
  function deliveryCheck(form, event) {
    if (event) { event.preventDefault(); }
    var out = form.querySelector(".delivery-check-result");
    var params = new URLSearchParams({ pincode: form.pincode.value });
    if (form.dataset.product) { params.set("product", form.dataset.product); }
    out.textContent = form.dataset.checking || "…";
    fetch(form.dataset.url + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.deliverable) {
          out.textContent = data.error || form.dataset.failed;
          out.className = "delivery-check-result is-bad";
          return;
        }
        var parts = (data.parcels || []).map(function (p) { return p.artisan + " (" + p.from_pincode + "): ₹" + p.charge; });
        out.className = "delivery-check-result is-good";
        out.textContent = (data.delivers_text || form.dataset.delivers + " " + data.district + ", " + data.state + ".") + " " +
          form.dataset.shipping + " ₹" + data.shipping_total + (parts.length > 1 ? " — " + parts.join("; ") : "") + ". " +
          (data.cod_available ? form.dataset.cod : form.dataset.nocod) +
          (data.arrives_by_text ? " " + data.arrives_by_text + "." : "");
      })
      .catch(function () { out.textContent = form.dataset.failed; out.className = "delivery-check-result is-bad"; });
  }
  on("form.delivery-check", "submit", function (e, form) { deliveryCheck(form, e); });

  /* Checkout address: six digits of pincode fill the town and the state from our pincode table. */
  on("#new_shipping_address input[name=postcode]", "input", function (e, input) {
    var code = input.value.replace(/\s/g, "");
    if (!/^[1-9][0-9]{5}$/.test(code) || input.dataset.looked === code) { return; }
    input.dataset.looked = code;
    fetch("/shipping/pincode/?pincode=" + code, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.district) { return; }
        var form = input.form;
        var town = form.elements.line4;
        var state = form.elements.state;
        if (town && !town.value) { town.value = data.district; }
        if (state) { state.value = data.state; }
      })
      .catch(function () {});
  });

  /* Product gallery: thumbnails swap the main photo; the main photo opens full size (zoom). */
  on(".gallery-thumbs a", "click", function (e, el) {
    var gallery = el.closest(".gallery");
    var main = gallery && gallery.querySelector(".gallery-main img");
    var link = gallery && gallery.querySelector(".gallery-main a");
    if (!main) { return; }
    e.preventDefault();
    main.src = el.getAttribute("data-large") || el.href;
    if (link) { link.href = el.href; }
    gallery.querySelectorAll(".gallery-thumbs a").forEach(function (a) { a.removeAttribute("aria-current"); });
    el.setAttribute("aria-current", "true");
  });
  on(".gallery-main a", "click", function (e, el) {
    var dialog = doc.getElementById("zoom");
    if (!dialog || !dialog.showModal) { return; }
    e.preventDefault();
    dialog.querySelector("img").src = el.href;
    dialog.showModal();
  });
  on("#zoom", "click", function (e, dialog) { dialog.close(); });

  /* Listing filters: a panel that folds away on phones; "Apply" buttons are not needed with JS. */
  on("[data-toggle-panel]", "click", function (e, button) {
    var panel = doc.getElementById(button.getAttribute("aria-controls"));
    if (!panel) { return; }
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("is-open", open);
  });

  /* Sticky buy bar on phones: always there without JavaScript; with it, it steps aside while the
     main "Add to basket" button is on screen. */
  function stickyBar() {
    var bar = doc.querySelector(".buy-bar");
    var target = doc.querySelector("#add_to_basket_form");
    if (!bar || !target || !("IntersectionObserver" in window)) { return; }
    new IntersectionObserver(function (entries) {
      bar.classList.toggle("is-hidden", entries[0].isIntersecting);
    }).observe(target);
  }

  function init() {
    gateway();
    stickyBar();
    if (window.location.hash === "#voucher") { voucher(true); }
    doc.querySelectorAll("form.delivery-check").forEach(function (form) {
      if (form.pincode && form.pincode.value) { deliveryCheck(form); }
    });
    doc.querySelectorAll("details.menu").forEach(function (menu) {
      doc.addEventListener("click", function (event) { if (!menu.contains(event.target)) { menu.open = false; } });
    });
  }
  if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
