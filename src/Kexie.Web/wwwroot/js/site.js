// 科协云: small progressive enhancements; every page works without this file.
document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var confirmer = target.closest("[data-confirm]");
    if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm"))) {
        event.preventDefault();
    }
});
document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
        target.form.submit();
    }
});
