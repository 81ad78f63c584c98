// 科普e站屏: heartbeats (so the station is not flagged offline) and, on an item, back to the home screen when idle.
(function () {
    'use strict';
    var body = document.body;
    var url = body.getAttribute('data-heartbeat-url');
    var seconds = parseInt(body.getAttribute('data-heartbeat-seconds') || '60', 10);
    function beat() {
        if (!url) { return; }
        fetch(url, { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(function () { });
    }
    beat();
    setInterval(beat, Math.max(15, seconds) * 1000);

    var idle = parseInt(body.getAttribute('data-idle-seconds') || '0', 10);
    var home = body.getAttribute('data-home');
    if (idle > 0 && home) {
        var timer;
        var reset = function () {
            clearTimeout(timer);
            timer = setTimeout(function () { window.location.href = home; }, idle * 1000);
        };
        ['touchstart', 'mousedown', 'keydown', 'scroll'].forEach(function (e) { window.addEventListener(e, reset, { passive: true }); });
        reset();
    }
}());
