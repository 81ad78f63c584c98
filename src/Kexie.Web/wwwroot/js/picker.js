// 科协云: pickers by name. An <input data-picker="regions|industries|disciplines" [data-multiple]> that holds codes
// ("0164,1530") becomes a search box that finds entries by Chinese name, pinyin initials ("cy" → 茶叶种植) or code,
// with the chosen entries shown by name and their code small beside it. The input itself stays in the form (hidden)
// and still posts the codes, so the page works without this file.
// A readonly input (a record's region that can no longer change) shows its entries by name, without search or remove.
// Amount fields (data-amount) show what was understood: "5万" → 50,000.00 元.
(function () {
    "use strict";
    var seq = 0;

    function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined && text !== null) node.textContent = text;
        return node;
    }

    function splitCodes(value) {
        return (value || "").split(/[\s,，;；、]+/).filter(function (c) { return c.length > 0; });
    }

    function fetchItems(kind, query) {
        return fetch("/api/v1/lookups/" + kind + "?" + query, { headers: { Accept: "application/json" }, credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.json() : []; })
            .catch(function () { return []; });
    }

    function enhance(input) {
        var kind = input.getAttribute("data-picker");
        var multiple = input.hasAttribute("data-multiple");
        var required = input.required;
        var readOnly = input.readOnly;
        var id = input.id || ("picker-" + (++seq));
        var selected = splitCodes(input.value).map(function (c) { return { code: c, name: c }; });

        var wrap = el("div", "picker");
        var chips = el("ul", "picker-chips");
        var search = el("input", "picker-search");
        search.type = "text";
        search.id = id + "-search";
        search.autocomplete = "off";
        search.placeholder = input.getAttribute("data-picker-placeholder") || "输入名称或拼音首字母查找，如“茶”或“cy”";
        search.setAttribute("role", "combobox");
        search.setAttribute("aria-autocomplete", "list");
        search.setAttribute("aria-expanded", "false");
        // The code list (<datalist>) is the fallback without this file; the picker replaces it, and its id may be the one
        // the picker's own list takes (an input "region" with <datalist id="region-options">).
        var fallback = document.getElementById(id + "-options");
        if (fallback && fallback.tagName === "DATALIST") fallback.remove();
        input.removeAttribute("list");
        var list = el("ul", "picker-options");
        list.id = id + "-options";
        list.setAttribute("role", "listbox");
        list.hidden = true;
        search.setAttribute("aria-controls", list.id);

        if (readOnly) {
            search.hidden = true;
            search.disabled = true;
            wrap.classList.add("picker-readonly");
        }

        var label = document.querySelector("label[for='" + input.id + "']");
        if (label) label.htmlFor = search.id;
        input.type = "hidden";
        input.removeAttribute("list");
        input.required = false;
        input.parentNode.insertBefore(wrap, input);
        wrap.appendChild(chips);
        wrap.appendChild(search);
        wrap.appendChild(list);
        wrap.appendChild(input);

        var results = [];
        var active = -1;

        function sync() {
            input.value = selected.map(function (s) { return s.code; }).join(",");
            search.required = required && selected.length === 0;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        }

        function renderChips() {
            chips.textContent = "";
            selected.forEach(function (item, index) {
                var chip = el("li", "picker-chip");
                chip.setAttribute("data-code", item.code);
                if (item.path) chip.title = item.path;
                chip.appendChild(el("span", "picker-name", item.name));
                if (item.name !== item.code) chip.appendChild(el("small", "picker-code", item.code));
                if (!readOnly) {
                    var remove = el("button", "picker-remove", "×");
                    remove.type = "button";
                    remove.setAttribute("aria-label", "移除" + item.name);
                    remove.addEventListener("click", function () {
                        selected.splice(index, 1);
                        renderChips();
                        sync();
                        search.focus();
                    });
                    chip.appendChild(remove);
                }
                chips.appendChild(chip);
            });
            search.required = required && selected.length === 0;
        }

        function close() {
            list.hidden = true;
            search.setAttribute("aria-expanded", "false");
            active = -1;
        }

        function highlight(index) {
            var options = list.querySelectorAll("[role=option]");
            options.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
            active = index;
            if (options[index]) {
                search.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            }
        }

        function choose(item) {
            if (multiple) {
                if (!selected.some(function (s) { return s.code === item.code; })) selected.push(item);
            } else {
                selected = [item];
            }

            renderChips();
            sync();
            search.value = "";
            close();
        }

        function renderResults(items, query) {
            results = items;
            list.textContent = "";
            if (items.length === 0) {
                list.appendChild(el("li", "picker-empty", "没有找到“" + query + "”，可换个名称或拼音首字母"));
            }

            items.forEach(function (item, i) {
                var option = el("li", "picker-option");
                option.id = list.id + "-" + i;
                option.setAttribute("role", "option");
                option.setAttribute("data-code", item.code);
                option.appendChild(el("span", "picker-name", item.name));
                option.appendChild(el("small", "picker-code", item.code));
                if (item.path && item.path !== item.name) option.appendChild(el("small", "picker-path", item.path));
                else if (item.level) option.appendChild(el("small", "picker-path", item.level));
                option.addEventListener("mousedown", function (e) { e.preventDefault(); choose(item); });
                list.appendChild(option);
            });
            list.hidden = false;
            search.setAttribute("aria-expanded", "true");
            highlight(items.length > 0 ? 0 : -1);
        }

        var timer = null;
        var latest = "";
        search.addEventListener("input", function () {
            var query = search.value.trim();
            latest = query;
            clearTimeout(timer);
            if (query.length === 0) { close(); return; }
            timer = setTimeout(function () {
                fetchItems(kind, "top=12&q=" + encodeURIComponent(query)).then(function (items) {
                    if (latest === query) renderResults(items, query);
                });
            }, 150);
        });
        search.addEventListener("keydown", function (e) {
            if (e.key === "ArrowDown" && !list.hidden) { e.preventDefault(); highlight(Math.min(active + 1, results.length - 1)); }
            else if (e.key === "ArrowUp" && !list.hidden) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
            else if (e.key === "Enter") {
                if (!list.hidden && results[active]) { e.preventDefault(); choose(results[active]); }
                else if (search.value.trim().length > 0) { e.preventDefault(); }
            }
            else if (e.key === "Escape") { close(); }
            else if (e.key === "Backspace" && search.value === "" && selected.length > 0) { selected.pop(); renderChips(); sync(); }
        });
        search.addEventListener("blur", function () { setTimeout(close, 100); });

        renderChips();
        if (selected.length > 0) {
            fetchItems(kind, "codes=" + encodeURIComponent(input.value)).then(function (items) {
                selected = selected.map(function (s) {
                    return items.filter(function (i) { return i.code === s.code; })[0] || s;
                });
                renderChips();
            });
        }
    }

    // 5万 → 50000; the server reads the same forms (Kexie.Domain.Common.YuanAmount) and is the judge.
    function parseYuan(text) {
        var s = (text || "").replace(/[\s,，、]/g, "").replace(/^[¥￥]/, "").replace(/(人民币)?[元圆]$/, "");
        s = s.replace(/[０-９．]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
        var factor = 1;
        if (/亿$/.test(s)) { factor = 1e8; s = s.slice(0, -1); }
        else if (/万$/.test(s)) { factor = 1e4; s = s.slice(0, -1); }
        else if (/[千kK]$/.test(s)) { factor = 1e3; s = s.slice(0, -1); }
        if (!/^\d+(\.\d+)?$/.test(s)) return null;
        return Number(s) * factor;
    }

    function enhanceAmount(input) {
        var hint = el("span", "amount-hint muted small");
        hint.setAttribute("aria-live", "polite");
        input.insertAdjacentElement("afterend", hint);
        function show() {
            var text = input.value.trim();
            var value = parseYuan(text);
            hint.textContent = text.length === 0 || /^\d+(\.\d+)?$/.test(text) ? ""
                : value === null ? "请填写金额，如 50000、5万或1.2亿"
                : "＝ " + value.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + " 元";
        }
        input.addEventListener("input", show);
        show();
    }

    document.querySelectorAll("input[data-picker]").forEach(enhance);
    document.querySelectorAll("input[data-amount]").forEach(enhanceAmount);
})();
