// The survey results page keeps itself current while the survey collects answers: every 10 s (only while the page is visible) it asks
// the results API with If-None-Match; 304 means nothing changed; otherwise the counts, structure and question sections are taken from
// a fresh copy of the page. It stops when the survey is closed. Without JavaScript the page is the same, current as of its loading.
(function () {
    const status = document.getElementById('live-status');
    if (!status || status.dataset.live !== 'true') return;
    const line = document.getElementById('live-line');
    const sections = ['survey-counts', 'survey-structure', 'survey-questions'];
    let etag = status.dataset.etag || '';
    let timer = null;
    let busy = false;
    const time = () => new Date().toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

    async function swapSections() {
        const response = await fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
        if (!response.ok) return;
        const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
        for (const id of sections) {
            const fresh = doc.getElementById(id);
            const current = document.getElementById(id);
            if (fresh && current) current.replaceWith(document.importNode(fresh, true));
        }
    }

    async function poll() {
        if (busy || document.hidden) return;
        busy = true;
        try {
            const response = await fetch(status.dataset.url, { credentials: 'same-origin', cache: 'no-cache', headers: { Accept: 'application/json', 'If-None-Match': etag } });
            if (response.status === 200) {
                const results = await response.json();
                etag = response.headers.get('ETag') || '';
                await swapSections();
                line.textContent = `已回收${results.returned}份，有效${results.valid}份，更新于${time()}`;
                if (!results.collecting) {
                    finish();
                    const badge = document.getElementById('survey-status');
                    if (badge) badge.textContent = '已结束';
                    line.textContent += '（问卷已结束）';
                }
            } else if (response.status === 304) {
                line.textContent = line.textContent.replace(/更新于[0-9:]+/, `更新于${time()}`);
            }
        } catch (e) {
            // Offline for a moment: the next tick tries again.
        } finally {
            busy = false;
        }
    }

    function start() {
        if (timer === null) timer = window.setInterval(poll, 10000);
    }

    function pause() {
        if (timer !== null) window.clearInterval(timer);
        timer = null;
    }

    function finish() {
        pause();
        status.dataset.live = 'false';
    }

    document.addEventListener('visibilitychange', () => {
        if (document.hidden) {
            pause();
        } else if (status.dataset.live === 'true') {
            poll();
            start();
        }
    });
    start();
})();
