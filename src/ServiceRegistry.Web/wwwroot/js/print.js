// «نسخه چاپی» opens the print dialog when scripts run; without them the link shows the print view.
document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("[data-print]");
    if (link && window.print) { e.preventDefault(); window.print(); }
});
