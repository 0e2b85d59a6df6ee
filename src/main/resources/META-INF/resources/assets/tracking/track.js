// The tracking page, live: follows the order's public event stream and, on every event, fetches the
// page again and swaps its <main> in place (the server renders it, so the live page and the page
// without JavaScript are one and the same). EventSource resumes by itself after a reconnect, sending
// Last-Event-ID, so nothing that happened meanwhile is missed. Dates are shown in the shopper's own
// time zone.
(function () {
  'use strict';
  var live = document.getElementById('live');
  if (!live) { localize(document); return; }
  var fetching = false, again = false;

  function localize(root) {
    var lang = document.documentElement.lang || undefined;
    var moment = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    var day = new Intl.DateTimeFormat(lang, { dateStyle: 'full' });
    root.querySelectorAll('time[datetime]').forEach(function (time) {
      var at = new Date(time.getAttribute('datetime'));
      if (!isNaN(at)) { time.textContent = (time.hasAttribute('data-day') ? day : moment).format(at); }
    });
  }

  // a shopper filling in the feedback form keeps it: the page catches up after they send it
  function busy() {
    var form = document.getElementById('feedback');
    return !!form && (form.querySelector('input:checked') !== null || form.comment.value !== '');
  }

  function refresh() {
    if (busy()) { return; }
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(live.dataset.page, { headers: { Accept: 'text/html' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
        if (next) {
          localize(next);
          next.querySelector('.live-note').hidden = false;
          live.replaceWith(next);
          live = next;
          document.dispatchEvent(new CustomEvent('tracking:updated'));
        }
      })
      .catch(function () { /* the next event tries again */ })
      .finally(function () {
        fetching = false;
        if (again) { again = false; refresh(); }
      });
  }

  localize(live);
  if (!window.EventSource) { return; }
  live.querySelector('.live-note').hidden = false;
  var stream = new EventSource(live.dataset.stream);
  live.dataset.types.split(' ').forEach(function (type) { stream.addEventListener(type, refresh); });
  var opened = false;
  stream.addEventListener('open', function () {
    // after a reconnect the missed events are replayed, and each refreshes; the first open needs none
    if (opened) { refresh(); }
    opened = true;
    document.documentElement.dataset.stream = 'open';
  });
})();
