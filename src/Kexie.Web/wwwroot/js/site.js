// 科协云: small progressive enhancements; every page works without this file.
document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var confirmer = target.closest("[data-confirm]");
    if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm"))) {
        event.preventDefault();
    }
    // "返回上一页" links (the Content-Security-Policy allows no javascript: URLs); without history they go home.
    if (target.closest("[data-history-back]") && window.history.length > 1) {
        event.preventDefault();
        window.history.back();
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
// Association form: the "3+1" hint follows the kind and region as they are changed (the server renders the first state).
(function () {
    var kind = document.getElementById("Input_Kind");
    var region = document.getElementById("Input_RegionCode");
    var hint = document.getElementById("three-plus-one");
    if (!kind || !region || !hint) return;
    function sync() {
        hint.hidden = !(kind.value === "Kexie" && region.value.trim().length === 9);
    }
    kind.addEventListener("change", sync);
    region.addEventListener("change", sync);
    region.addEventListener("input", sync);
})();
