// The labels page's Print button (a static file: the CSP allows no inline handlers, issue 12).
document.getElementById("print-page").addEventListener("click", function () { window.print(); });
