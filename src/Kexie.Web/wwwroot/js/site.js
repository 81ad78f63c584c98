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
// Uploads: a file over the size limit is refused before it is sent (the server checks again).
document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.hasAttribute("data-max-bytes")) return;
    var max = Number(input.getAttribute("data-max-bytes"));
    var error = input.form ? input.form.querySelector(".upload-error") : null;
    var tooBig = input.files && input.files.length > 0 && input.files[0].size > max;
    input.setCustomValidity(tooBig ? "文件大小不能超过" + Math.round(max / 1024 / 1024) + "MB" : "");
    if (error) {
        error.textContent = tooBig ? input.validationMessage : "";
        error.hidden = !tooBig;
    }
});
