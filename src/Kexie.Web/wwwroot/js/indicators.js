// 科协云 · 精准绩效: period picker and the dashboard charts (Apache ECharts, vendored in /lib/echarts).
// The pages work without this file: every number is also in the tables.
(function () {
    "use strict";
    var FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", system-ui, sans-serif';
    var BLUE = "#1554a5", RED = "#c0392b", GREY = "#9aa7b6", LIGHT = "#8fb3e3";

    // Period picker: the quarter/month list follows the chosen kind; a year needs neither.
    (function periodPicker() {
        var kind = document.querySelector("[data-period-kind]");
        var box = document.querySelector("[data-period-number]");
        if (!kind || !box) return;
        var select = box.querySelector("select");
        function sync(reset) {
            var k = kind.value;
            box.hidden = k === "year";
            select.disabled = k === "year";
            var first = null, chosenOk = false;
            Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
                var on = group.getAttribute("data-for") === k;
                group.hidden = !on;
                group.disabled = !on;
                Array.prototype.forEach.call(group.querySelectorAll("option"), function (o) {
                    if (on && !first) first = o;
                    if (on && o.selected) chosenOk = true;
                });
            });
            if ((reset || !chosenOk) && first) first.selected = true;
        }
        kind.addEventListener("change", function () { sync(true); });
        sync(false);
    })();

    var island = document.getElementById("indicator-data");
    if (!island || typeof echarts === "undefined") return;
    var data;
    try { data = JSON.parse(island.textContent || "{}"); } catch (e) { return; }
    if (!data || !data.region) return;

    var charts = [];
    function make(id) {
        var el = document.getElementById(id);
        if (!el) return null;
        var chart = echarts.init(el, null, { renderer: "canvas" });
        charts.push(chart);
        return chart;
    }
    function fmt(v) { return v === null || v === undefined ? "暂无数据" : Number(v).toFixed(2); }
    function narrow() { return window.innerWidth < 640; }
    var base = { textStyle: { fontFamily: FONT }, animationDuration: 400 };

    // Radar of the four service groups. ECharts would draw a missing value at the centre, i.e. as 0; the shape is
    // therefore drawn over the groups that have a score only, and a group without data is labelled 暂无数据.
    var radar = make("chart-radar");
    if (radar) {
        var groups = data.groups || [];
        var CENTER_Y = 0.5;
        var share = narrow() ? 0.58 : 0.64;
        radar.setOption(Object.assign({}, base, {
            radar: {
                radius: (share * 100) + "%",
                center: ["50%", (CENTER_Y * 100) + "%"],
                indicator: groups.map(function (g) {
                    return { name: g.shortName + "\n" + (g.score === null ? "暂无数据" : fmt(g.score) + "分"), max: 100, color: g.score === null ? GREY : "#1f2933" };
                }),
                axisName: { fontFamily: FONT, fontSize: 12, lineHeight: 16 },
                splitArea: { areaStyle: { color: ["#f7f9fc", "#eef3fa"] } }
            }
        }));
        var drawShape = function () {
            var w = radar.getWidth(), h = radar.getHeight();
            var R = Math.min(w, h) / 2 * share, cx = w / 2, cy = h * CENTER_Y, n = groups.length;
            var pts = [];
            groups.forEach(function (g, i) {
                if (g.score === null) return;
                var theta = Math.PI / 2 + i * 2 * Math.PI / n, r = R * Math.max(0, Math.min(100, g.score)) / 100;
                pts.push([cx + r * Math.cos(theta), cy - r * Math.sin(theta)]);
            });
            var elements = [];
            if (pts.length >= 3) {
                elements.push({ type: "polygon", shape: { points: pts }, style: { fill: "rgba(21,84,165,.25)", stroke: BLUE, lineWidth: 2 }, silent: true });
            } else if (pts.length === 2) {
                elements.push({ type: "polyline", shape: { points: pts }, style: { stroke: BLUE, lineWidth: 2 }, silent: true });
            }
            pts.forEach(function (p) {
                elements.push({ type: "circle", shape: { cx: p[0], cy: p[1], r: 4 }, style: { fill: BLUE, stroke: "#fff", lineWidth: 1 }, silent: true });
            });
            radar.setOption({ graphic: { elements: elements } }, { replaceMerge: ["graphic"] });
        };
        drawShape();
        radar.__redraw = drawShape;
    }

    // Trend of the composite score (left axis) and rank (right axis, 1 at the top).
    var trend = make("chart-trend");
    if (trend) {
        var points = data.trend || [];
        var peerMax = points.reduce(function (m, p) { return Math.max(m, p.peers || 1); }, 1);
        trend.setOption(Object.assign({}, base, {
            tooltip: {
                trigger: "axis",
                formatter: function (items) {
                    var p = points[items[0].dataIndex];
                    return p.label + "<br>综合评分：" + fmt(p.score) + "<br>排名：" + (p.rank ? "第" + p.rank + "位 / " + p.peers : "暂无数据");
                }
            },
            legend: { top: 0, textStyle: { fontFamily: FONT } },
            grid: { left: 44, right: 44, top: 40, bottom: 30 },
            xAxis: { type: "category", data: points.map(function (p) { return p.label; }), axisLabel: { fontFamily: FONT, hideOverlap: true } },
            yAxis: [
                { type: "value", name: "评分", min: 0, max: 100, nameTextStyle: { fontFamily: FONT } },
                { type: "value", name: "名次", inverse: true, min: 1, max: peerMax, nameTextStyle: { fontFamily: FONT }, splitLine: { show: false } }
            ],
            series: [
                { name: "综合评分", type: "line", data: points.map(function (p) { return p.score; }), itemStyle: { color: BLUE }, symbolSize: 7, connectNulls: false, label: { show: !narrow(), formatter: function (o) { return fmt(o.value); } } },
                { name: "排名", type: "line", yAxisIndex: 1, data: points.map(function (p) { return p.rank; }), itemStyle: { color: RED }, lineStyle: { type: "dashed" }, symbolSize: 7, connectNulls: false }
            ]
        }));
    }

    // Ranking bars of every peer, best first; the region itself in red.
    var ranking = make("chart-ranking");
    if (ranking) {
        var rows = data.ranking || [];
        var ownIndex = -1;
        var bars = rows.map(function (r, i) {
            var own = r.code === data.region.code;
            if (own) ownIndex = i;
            return { value: r.score === null ? 0 : r.score, itemStyle: { color: own ? RED : (r.score === null ? GREY : LIGHT) } };
        });
        var many = rows.length > 30;
        ranking.setOption(Object.assign({}, base, {
            tooltip: {
                trigger: "axis",
                axisPointer: { type: "shadow" },
                formatter: function (items) {
                    var r = rows[items[0].dataIndex];
                    return (r.rank && r.score !== null ? "第" + r.rank + "位 " : "") + r.name + "<br>综合评分：" + fmt(r.score);
                }
            },
            grid: { left: 40, right: 16, top: 36, bottom: many ? 50 : 70 },
            xAxis: {
                type: "category",
                data: rows.map(function (r) { return r.name; }),
                axisTick: { show: false },
                axisLabel: many ? { show: false } : { rotate: 45, fontFamily: FONT, interval: 0 }
            },
            yAxis: { type: "value", name: "综合评分", max: 100, nameTextStyle: { fontFamily: FONT } },
            dataZoom: many ? [{ type: "slider", height: 18, bottom: 8, start: 0, end: 100 }, { type: "inside" }] : [],
            series: [{
                type: "bar",
                data: bars,
                barCategoryGap: "20%",
                markPoint: ownIndex < 0 ? undefined : {
                    symbol: "pin",
                    symbolSize: 46,
                    itemStyle: { color: RED },
                    label: { fontFamily: FONT, fontSize: 11, formatter: String(rows[ownIndex].rank || "") },
                    data: [{ coord: [ownIndex, bars[ownIndex].value], value: rows[ownIndex].rank }]
                },
                markLine: ownIndex < 0 ? undefined : {
                    symbol: "none",
                    silent: true,
                    lineStyle: { color: RED, type: "dashed" },
                    label: { formatter: data.region.name + " 第" + (rows[ownIndex].rank || "-") + "位", fontFamily: FONT, color: RED, position: "insideEndTop" },
                    data: [{ yAxis: bars[ownIndex].value }]
                }
            }]
        }));
    }

    var pending = 0;
    window.addEventListener("resize", function () {
        clearTimeout(pending);
        pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); if (c.__redraw) c.__redraw(); }); }, 120);
    });
    document.documentElement.setAttribute("data-charts", String(charts.length));
})();
