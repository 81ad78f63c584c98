// Skip logic of a survey page: a question with data-show-if is shown only while the named earlier question has the option chosen.
(function () {
    const form = document.getElementById('survey-form');
    if (!form) return;
    const conditional = Array.from(form.querySelectorAll('fieldset[data-show-if]')).filter(f => f.dataset.showIf);
    function update() {
        for (const f of conditional) {
            const chosen = Array.from(form.querySelectorAll(`input[name="a${f.dataset.showIf}"]:checked`)).map(i => i.value);
            const source = document.getElementById(`q${f.dataset.showIf}`);
            const shown = chosen.includes(f.dataset.showOption) && (!source || !source.hidden);
            f.hidden = !shown;
        }
    }
    form.addEventListener('change', update);
    update();
})();
