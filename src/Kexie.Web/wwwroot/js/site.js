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
// Offer form: the achievement fields (成熟度、专利、转化方式) only for 科技成果.
(function () {
    var kind = document.querySelector("[data-kind-switch]");
    if (!kind) return;
    function sync() {
        document.querySelectorAll("[data-kind-only]").forEach(function (el) {
            el.hidden = el.getAttribute("data-kind-only") !== kind.value;
        });
    }
    kind.addEventListener("change", sync);
    sync();
})();
