// Skip logic of a survey page: a question with data-show-if is shown only while the named earlier question has the option chosen;
// a multiple choice with a 至多选 rule takes no more options than it allows.
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
            f.disabled = !shown; // a hidden question's input is neither checked by the browser nor sent (the server drops it anyway)
        }
        // 至多选N项: once N are chosen the other options wait (the server checks again).
        for (const f of form.querySelectorAll('fieldset[data-max-choices]')) {
            const max = parseInt(f.dataset.maxChoices, 10);
            if (!max) continue;
            const boxes = Array.from(f.querySelectorAll('input[type="checkbox"]'));
            const full = boxes.filter(b => b.checked).length >= max;
            for (const b of boxes) b.disabled = full && !b.checked;
        }
    }
    form.addEventListener('change', update);
    update();
})();
