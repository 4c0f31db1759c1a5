// Stripe Elements on /checkout/payment-details/ (a static file: the CSP allows no inline script, issue 12).
  (function () {
    var form = document.getElementById("stripe-payment-form");
    var stripe = Stripe(form.dataset.publishableKey);
    var elements = stripe.elements({clientSecret: form.dataset.clientSecret});
    elements.create("payment").mount("#stripe-payment-element");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      document.getElementById("stripe-pay").disabled = true;
      stripe.confirmPayment({elements: elements, confirmParams: {return_url: form.dataset.returnUrl}}).then(function (result) {
        if (result.error) {
          document.getElementById("stripe-payment-error").textContent = result.error.message;
          document.getElementById("stripe-pay").disabled = false;
        }
      });
    });
  })();
