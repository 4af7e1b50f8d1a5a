// The card form works without this file; with it, list buttons swap the form in place (htmx) and the new row gets the focus.
(function () {
    "use strict";
    function focusNewRow(root) {
        var el = root.querySelector("[autofocus]");
        if (el) { el.focus(); el.scrollIntoView({ block: "center" }); }
    }
    document.addEventListener("htmx:afterSettle", function (e) { focusNewRow(document.getElementById("card-form") || document); });
    document.addEventListener("DOMContentLoaded", function () {
        var summary = document.getElementById("error-summary") || document.getElementById("conflict");
        if (summary) { summary.focus(); }
    });
})();
