// The merchant dashboard: figures from GET /analytics/sales, /analytics/lead-times, /analytics/post-sale, /analytics/delivery
// and /analytics/stock, the attention queue from
// GET /orders?attention=true, and the live feed from GET /events through a stream ticket.
// Everything is fetched with the staff bearer token pasted once (kept in sessionStorage: this tab).
// Text from the API is always set as textContent, never as HTML.
(function () {
    "use strict";

    const TOKEN_KEY = "orderstream.dashboard.token";
    const FEED_LENGTH = 50;
    const REFRESH_MS = 15000;
    const params = new URLSearchParams(location.search);
    const channel = params.get("channel") || null;
    const eventTypes = (document.body.dataset.eventTypes || "").split(" ").filter(Boolean);
    const $ = (id) => document.getElementById(id);
    const charts = {};
    let stream = null;
    let refreshTimers = [];
    let periodicTimer = null;

    // ------------------------------------------------------------------ sign-in

    function token() {
        return sessionStorage.getItem(TOKEN_KEY);
    }

    function showSignIn(message) {
        $("board").hidden = true;
        $("sign-out").hidden = true;
        $("sign-in").hidden = false;
        $("sign-in-error").textContent = message || "";
        if (stream) {
            stream.close();
            stream = null;
        }
        clearInterval(periodicTimer);
    }

    $("sign-in-form").addEventListener("submit", (e) => {
        e.preventDefault();
        const value = $("token").value.trim().replace(/^Bearer\s+/i, "");
        if (!value) {
            return;
        }
        sessionStorage.setItem(TOKEN_KEY, value);
        $("token").value = "";
        open();
    });

    $("sign-out").addEventListener("click", () => {
        sessionStorage.removeItem(TOKEN_KEY);
        showSignIn("");
    });

    class Refused extends Error {
        constructor(status, problem) {
            super(problem && problem.detail ? problem.detail : "HTTP " + status);
            this.status = status;
        }
    }

    async function api(path, options) {
        const response = await fetch(path, Object.assign({}, options, {
            headers: Object.assign({"Authorization": "Bearer " + token(), "Accept": "application/json"},
                (options || {}).headers || {})
        }));
        if (!response.ok) {
            let problem = null;
            try { problem = await response.json(); } catch (ignored) { /* not a problem document */ }
            throw new Refused(response.status, problem);
        }
        return response;
    }

    async function open() {
        $("sign-in").hidden = true;
        $("board").hidden = false;
        $("sign-out").hidden = false;
        $("scope").textContent = channel ? "channel " + channel : "every channel";
        try {
            await refresh();
        } catch (e) {
            if (e instanceof Refused && (e.status === 401 || e.status === 403)) {
                sessionStorage.removeItem(TOKEN_KEY);
                showSignIn(e.status === 401 ? "The token was refused (401): expired or not valid here."
                    : "This token is not a staff token (403).");
                return;
            }
            throw e;
        }
        follow();
        clearInterval(periodicTimer);
        periodicTimer = setInterval(() => refresh().catch(() => { /* the next one may work */ }), REFRESH_MS);
    }

    // ------------------------------------------------------------------ figures

    function isoDay(date) {
        return date.toISOString().substring(0, 10);
    }

    /** Every day from `from` to `to` (ISO dates), inclusive. */
    function daysBetween(from, to) {
        const days = [];
        for (let d = new Date(from + "T00:00:00Z"); isoDay(d) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
            days.push(isoDay(d));
        }
        return days;
    }

    function digitsOf(currency) {
        try {
            return new Intl.NumberFormat("en", {style: "currency", currency: currency}).resolvedOptions().maximumFractionDigits;
        } catch (e) {
            return 2;
        }
    }

    /** Minor units as a plain decimal in the currency's digits: 4900 EUR -> "49.00". */
    function decimal(money) {
        const digits = digitsOf(money.currency);
        return (money.amount / Math.pow(10, digits)).toFixed(digits);
    }

    function formatted(money) {
        const digits = digitsOf(money.currency);
        return new Intl.NumberFormat(undefined, {style: "currency", currency: money.currency})
            .format(money.amount / Math.pow(10, digits));
    }

    function cell(row, text, numeric) {
        const td = document.createElement("td");
        td.textContent = text;
        if (numeric) {
            td.className = "n";
        }
        row.appendChild(td);
        return td;
    }

    function versus(element, today, before, weekday, render) {
        element.classList.remove("up", "down");
        if (before === null) {
            element.textContent = "none last " + weekday;
            return;
        }
        const delta = today - before;
        element.textContent = (delta > 0 ? "▲ " : delta < 0 ? "▼ " : "= ") + "vs " + render(before) + " last " + weekday;
        element.classList.add(delta > 0 ? "up" : delta < 0 ? "down" : "same");
    }

    async function refresh() {
        const query = channel ? "?channel=" + encodeURIComponent(channel) : "";
        const twelveWeeks = new Date();
        twelveWeeks.setUTCDate(twelveWeeks.getUTCDate() - 83);
        const leadQuery = new URLSearchParams({groupBy: "week", from: isoDay(twelveWeeks)});
        if (channel) {
            leadQuery.set("channel", channel);
        }
        const [salesResponse, leadResponse, postSaleResponse, deliveryResponse, stockResponse, attentionResponse] = await Promise.all([
            api("/analytics/sales" + query),
            api("/analytics/lead-times?" + leadQuery),
            api("/analytics/post-sale" + query),
            api("/analytics/delivery?groupBy=month" + (channel ? "&channel=" + encodeURIComponent(channel) : "")),
            api("/analytics/stock" + query),
            api("/orders?attention=true&limit=10" + (channel ? "&channel=" + encodeURIComponent(channel) : ""))
        ]);
        showSales(await salesResponse.json());
        showLeadTimes(await leadResponse.json());
        showPostSale(await postSaleResponse.json());
        showDelivery(await deliveryResponse.json());
        showStock(await stockResponse.json());
        showAttention(await attentionResponse.json());
    }

    // the 30 days may span two months: the figures summed per carrier ("" = every carrier)
    function showDelivery(report) {
        const carriers = new Map();
        report.series.forEach((period) => {
            const key = period.carrier || "";
            const sum = carriers.get(key) || {shipped: 0, partially: 0, delivered: 0, withEstimate: 0, onTime: 0, exceptions: 0};
            sum.shipped += period.ordersShipped;
            sum.partially += period.ordersShippedPartially;
            sum.delivered += period.shipmentsDelivered;
            sum.withEstimate += period.deliveredWithEstimate;
            sum.onTime += period.deliveredOnTime;
            sum.exceptions += period.exceptionCount;
            carriers.set(key, sum);
        });
        const every = carriers.get("") || {shipped: 0, partially: 0, delivered: 0, withEstimate: 0, onTime: 0, exceptions: 0};
        $("on-time-rate").textContent = every.withEstimate ? percent(every.onTime / every.withEstimate) : "–";
        $("split-share").textContent = every.shipped ? percent(every.partially / every.shipped) : "–";
        $("exception-count").textContent = String(every.exceptions);
        const body = $("table-carriers").tBodies[0];
        body.replaceChildren();
        [...carriers.keys()].filter((carrier) => carrier !== "").sort().forEach((carrier) => {
            const sum = carriers.get(carrier);
            const row = body.insertRow();
            row.dataset.label = carrier;
            cell(row, carrier);
            cell(row, String(sum.shipped), true);
            cell(row, String(sum.delivered), true);
            cell(row, sum.withEstimate ? percent(sum.onTime / sum.withEstimate) : "–", true);
            cell(row, String(sum.exceptions), true);
        });
    }

    function showStock(report) {
        $("expired-holds").textContent = String(report.expiredHolds);
        $("units-released").textContent = String(report.unitsReleased);
        counts("table-top-sellers", report.topSellers.map((seller) => ({label: seller.sku, count: seller.units})));
        const body = $("table-sold-out").tBodies[0];
        body.replaceChildren();
        report.soldOut.forEach((sku) => {
            const row = body.insertRow();
            row.dataset.label = sku.sku;
            cell(row, sku.sku);
            cell(row, String(sku.times), true);
            cell(row, sku.lastDay);
        });
    }

    function showSales(report) {
        const days = daysBetween(report.from, report.to);
        $("range").textContent = report.from + " – " + report.to + " (" + report.zone + ")";
        const byDay = {};
        const currencies = new Set();
        report.series.forEach((p) => {
            (byDay[p.period] = byDay[p.period] || []).push(p);
            currencies.add(p.currency);
        });
        const sum = (day, field) => (byDay[day] || []).reduce((n, p) => n + p[field], 0);

        // today against the same weekday last week
        const today = report.to;
        const weekBefore = new Date(today + "T00:00:00Z");
        weekBefore.setUTCDate(weekBefore.getUTCDate() - 7);
        const lastWeek = isoDay(weekBefore);
        const weekday = new Intl.DateTimeFormat("en", {weekday: "long", timeZone: "UTC"}).format(weekBefore);
        const placedToday = sum(today, "ordersPlaced");
        $("orders-today").textContent = String(placedToday);
        versus($("orders-versus"), placedToday, lastWeek >= report.from ? sum(lastWeek, "ordersPlaced") : null, weekday, String);
        const revenue = $("revenue-today");
        const aov = $("aov-today");
        revenue.replaceChildren();
        aov.replaceChildren();
        const todays = byDay[today] || [];
        if (todays.length === 0) {
            revenue.appendChild(Object.assign(document.createElement("p"), {textContent: "–"}));
            aov.appendChild(Object.assign(document.createElement("p"), {textContent: "–"}));
        }
        todays.forEach((p) => {
            revenue.appendChild(Object.assign(document.createElement("p"),
                {textContent: formatted(p.grossRevenue), className: "revenue-" + p.currency}));
            aov.appendChild(Object.assign(document.createElement("p"),
                {textContent: p.averageOrderValue ? formatted(p.averageOrderValue) : "–"}));
        });
        const before = (byDay[lastWeek] || []);
        const firstToday = todays[0];
        if (firstToday) {
            const then = before.find((p) => p.currency === firstToday.currency);
            versus($("revenue-versus"), firstToday.grossRevenue.amount, then ? then.grossRevenue.amount : null, weekday,
                (amount) => formatted({amount: amount, currency: firstToday.currency}));
            versus($("aov-versus"), firstToday.averageOrderValue ? firstToday.averageOrderValue.amount : 0,
                then && then.averageOrderValue ? then.averageOrderValue.amount : null, weekday,
                (amount) => formatted({amount: amount, currency: firstToday.currency}));
        } else {
            $("revenue-versus").textContent = "";
            $("aov-versus").textContent = "";
        }

        // orders per day: chart and table
        const placed = days.map((d) => sum(d, "ordersPlaced"));
        const confirmed = days.map((d) => sum(d, "ordersConfirmed"));
        const cancelled = days.map((d) => sum(d, "ordersCancelled"));
        const expired = days.map((d) => sum(d, "ordersExpired"));
        const units = days.map((d) => sum(d, "unitsSold"));
        const rate = days.map((d, i) => placed[i] === 0 ? null : Math.round(1000 * cancelled[i] / placed[i]) / 10);
        const ordersBody = $("table-orders").tBodies[0];
        ordersBody.replaceChildren();
        days.slice().reverse().forEach((d) => {
            const i = days.indexOf(d);
            const row = ordersBody.insertRow();
            row.dataset.day = d;
            cell(row, d);
            cell(row, String(placed[i]), true).classList.add("placed");
            cell(row, String(confirmed[i]), true).classList.add("confirmed");
            cell(row, String(cancelled[i]), true).classList.add("cancelled");
            cell(row, String(expired[i]), true).classList.add("expired");
            cell(row, String(units[i]), true).classList.add("units");
            cell(row, rate[i] === null ? "–" : rate[i].toFixed(1) + " %", true).classList.add("rate");
        });
        const labels = days.map((d) => d.substring(5));
        chart("chart-orders", {
            tooltip: {trigger: "axis"},
            legend: {top: 0},
            grid: {left: 40, right: 16, top: 36, bottom: 28},
            xAxis: {type: "category", data: labels},
            yAxis: {type: "value", minInterval: 1},
            series: [
                {name: "Placed", type: "bar", data: placed},
                {name: "Confirmed", type: "bar", data: confirmed},
                {name: "Cancelled", type: "bar", data: cancelled}
            ]
        });

        // revenue per day, one gross and one net line per currency (never added across currencies)
        const revenueBody = $("table-revenue").tBodies[0];
        revenueBody.replaceChildren();
        report.series.slice().reverse().forEach((p) => {
            const row = revenueBody.insertRow();
            row.dataset.day = p.period;
            row.dataset.currency = p.currency;
            cell(row, p.period);
            cell(row, p.currency);
            cell(row, decimal(p.grossRevenue), true).classList.add("gross");
            cell(row, decimal(p.refunds), true).classList.add("refunds");
            cell(row, decimal(p.netRevenue), true).classList.add("net");
            cell(row, p.averageOrderValue ? decimal(p.averageOrderValue) : "–", true).classList.add("aov");
        });
        const revenueSeries = [];
        currencies.forEach((currency) => {
            const of = (d, field) => {
                const p = (byDay[d] || []).find((x) => x.currency === currency);
                return p ? Number(decimal(p[field])) : 0;
            };
            revenueSeries.push({name: "Gross " + currency, type: "line", smooth: true, data: days.map((d) => of(d, "grossRevenue"))});
            revenueSeries.push({name: "Net " + currency, type: "line", smooth: true, lineStyle: {type: "dashed"},
                data: days.map((d) => of(d, "netRevenue"))});
        });
        chart("chart-revenue", {
            tooltip: {trigger: "axis"},
            legend: {top: 0},
            grid: {left: 56, right: 16, top: 36, bottom: 28},
            xAxis: {type: "category", data: labels},
            yAxis: {type: "value"},
            series: revenueSeries
        });
        chart("chart-cancellations", {
            tooltip: {trigger: "axis", valueFormatter: (v) => v === null || v === undefined ? "–" : v + " %"},
            grid: {left: 48, right: 16, top: 16, bottom: 28},
            xAxis: {type: "category", data: labels},
            yAxis: {type: "value", axisLabel: {formatter: "{value} %"}},
            series: [{name: "Cancelled / placed", type: "line", connectNulls: false, data: rate}]
        });
    }

    const METRICS = {
        placedToConfirmed: "Placed → confirmed",
        confirmedToShipped: "Confirmed → shipped",
        shippedToDelivered: "Shipped → delivered",
        placedToDelivered: "Placed → delivered"
    };

    /** A duration in seconds as people read it: 45 s, 12 min, 3.5 h, 2.1 d. */
    function duration(seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 48 * 3600) {
            return (seconds / 3600).toFixed(1) + " h";
        }
        return (seconds / 86400).toFixed(1) + " d";
    }

    function showLeadTimes(report) {
        const all = report.series.filter((p) => !p.carrier);
        const body = $("table-lead").tBodies[0];
        body.replaceChildren();
        all.slice().reverse().forEach((p) => {
            const row = body.insertRow();
            row.dataset.week = p.period;
            row.dataset.metric = p.metric;
            cell(row, p.period);
            cell(row, METRICS[p.metric] || p.metric);
            cell(row, String(p.count), true).classList.add("count");
            cell(row, duration(p.p50Seconds), true).classList.add("p50");
            cell(row, duration(p.p90Seconds), true).classList.add("p90");
            cell(row, duration(p.p99Seconds), true).classList.add("p99");
            cell(row, Math.round(100 * p.shareWithin) + " %", true).classList.add("within");
        });
        const weeks = [...new Set(all.map((p) => p.period))];
        const hours = (metric, field) => weeks.map((w) => {
            const p = all.find((x) => x.period === w && x.metric === metric);
            return p ? Math.round(p[field] / 36) / 100 : null;
        });
        chart("chart-lead", {
            tooltip: {trigger: "axis"},
            legend: {top: 0},
            grid: {left: 48, right: 16, top: 36, bottom: 28},
            xAxis: {type: "category", data: weeks},
            yAxis: {type: "value", name: "h"},
            series: [
                {name: "Confirmed → shipped p50", type: "line", data: hours("confirmedToShipped", "p50Seconds")},
                {name: "Confirmed → shipped p90", type: "line", lineStyle: {type: "dashed"}, data: hours("confirmedToShipped", "p90Seconds")},
                {name: "Placed → delivered p50", type: "line", data: hours("placedToDelivered", "p50Seconds")},
                {name: "Placed → delivered p90", type: "line", lineStyle: {type: "dashed"}, data: hours("placedToDelivered", "p90Seconds")}
            ]
        });
    }

    function percent(rate) {
        return rate === undefined || rate === null ? "–" : (Math.round(1000 * rate) / 10).toFixed(1) + " %";
    }

    function counts(tableId, items) {
        const body = $(tableId).tBodies[0];
        body.replaceChildren();
        items.forEach((item) => {
            const row = body.insertRow();
            row.dataset.label = item.label;
            cell(row, item.label);
            cell(row, String(item.count), true).classList.add("count");
        });
    }

    function showPostSale(report) {
        $("cancellation-rate").textContent = percent(report.cancellationRate);
        $("return-rate").textContent = percent(report.unitReturnRate);
        $("order-return-rate").textContent = percent(report.orderReturnRate);
        $("recovered").textContent = report.recoveredCheckouts + " of " + report.abandonedCheckouts;
        counts("table-cancellations", report.cancellationsByReason);
        counts("table-returns", report.topReturnedSkus);
        const ratings = ["1", "2", "3", "4", "5"];
        counts("table-feedback", ratings.map((r) => ({label: r, count: report.feedback.distribution[r] || 0})));
        $("feedback-average").textContent = report.feedback.average === undefined || report.feedback.average === null
            ? "(none yet)" : "(average " + report.feedback.average.toFixed(1) + " of 5, " + report.feedback.count + " ratings)";
        chart("chart-feedback", {
            tooltip: {trigger: "axis"},
            grid: {left: 40, right: 16, top: 16, bottom: 28},
            xAxis: {type: "category", data: ratings.map((r) => r + " ★")},
            yAxis: {type: "value", minInterval: 1},
            series: [{name: "Ratings", type: "bar", data: ratings.map((r) => report.feedback.distribution[r] || 0)}]
        });
    }

    function chart(id, option) {
        if (typeof echarts === "undefined") {
            return; // the figures are in the tables all the same
        }
        if (!charts[id]) {
            charts[id] = echarts.init($(id), null, {renderer: "canvas"});
        }
        charts[id].setOption(option, true);
    }

    window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));

    function showAttention(page) {
        const body = $("table-attention").tBodies[0];
        body.replaceChildren();
        $("attention-count").textContent = page.items.length + (page.nextCursor ? "+" : "");
        $("attention-empty").hidden = page.items.length > 0;
        page.items.forEach((order) => {
            const row = body.insertRow();
            cell(row, "#" + order.number);
            cell(row, order.status);
            const rules = cell(row, "");
            (order.attention || []).forEach((rule) => {
                rules.appendChild(Object.assign(document.createElement("span"),
                    {className: "rule", textContent: rule.rule || rule}));
            });
            cell(row, new Date(order.createdAt).toLocaleString());
        });
    }

    // ------------------------------------------------------------------ live feed

    async function follow() {
        if (stream) {
            stream.close();
        }
        let ticket;
        try {
            const response = await api("/stream-tickets", {
                method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({stream: "/events"})
            });
            ticket = await response.json();
        } catch (e) {
            $("live-state").textContent = "offline (" + e.message + ")";
            setTimeout(follow, 5000);
            return;
        }
        stream = new EventSource(ticket.url);
        stream.onopen = () => {
            $("live-state").textContent = "live";
            $("live-state").classList.add("on");
        };
        stream.onerror = () => {
            $("live-state").textContent = "reconnecting…";
            $("live-state").classList.remove("on");
            if (stream.readyState === EventSource.CLOSED) {
                // the ticket ran out (tickets are short-lived): a new one
                setTimeout(follow, 2000);
            }
        };
        eventTypes.forEach((type) => stream.addEventListener(type, (message) => show(JSON.parse(message.data))));
    }

    function show(event) {
        const feed = $("feed");
        const item = document.createElement("li");
        item.className = "fresh";
        item.dataset.type = event.type;
        if (event.orderId) {
            item.dataset.orderId = event.orderId;
        }
        const time = document.createElement("time");
        time.dateTime = event.occurredAt;
        time.textContent = new Date(event.occurredAt).toLocaleTimeString();
        item.appendChild(time);
        item.appendChild(Object.assign(document.createElement("span"), {className: "type", textContent: event.type}));
        const number = event.data && event.data.number ? "#" + event.data.number + " " : "";
        const what = event.orderId ? number + (event.status || "") : (event.data && event.data.operation ? event.data.operation : "");
        item.appendChild(Object.assign(document.createElement("span"), {className: "status", textContent: what}));
        feed.insertBefore(item, feed.firstChild);
        setTimeout(() => item.classList.remove("fresh"), 3000);
        while (feed.children.length > FEED_LENGTH) {
            feed.removeChild(feed.lastChild);
        }
        refreshSoon();
    }

    /** The projector follows the log within a second or two: read the figures again then, and once more later. */
    function refreshSoon() {
        refreshTimers.forEach(clearTimeout);
        refreshTimers = [1500, 5000].map((ms) => setTimeout(() => refresh().catch(() => { /* the next one may work */ }), ms));
    }

    // ------------------------------------------------------------------ CSV

    // each report as a spreadsheet: per day 30 days, per week 12 weeks, per month a year; the rest 30 days
    document.querySelectorAll("[data-csv]").forEach((button) => button.addEventListener("click", async () => {
        const report = button.dataset.csv;
        const groupBy = button.dataset.group;
        const from = new Date();
        from.setUTCDate(from.getUTCDate() - (groupBy === "week" ? 7 * 12 : groupBy === "month" ? 365 : 29));
        const query = new URLSearchParams({from: isoDay(from)});
        if (groupBy) {
            query.set("groupBy", groupBy);
        }
        if (channel) {
            query.set("channel", channel);
        }
        const response = await api("/analytics/" + report + "?" + query, {headers: {"Accept": "text/csv"}});
        const url = URL.createObjectURL(await response.blob());
        const link = Object.assign(document.createElement("a"),
            {href: url, download: report + (groupBy ? "-" + groupBy : "") + ".csv"});
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    }));

    if (token()) {
        open();
    } else {
        showSignIn("");
    }
})();
