// World Café live screen: counts the round's time down every second. The server wrote the
// remaining seconds into the page, so a reload (or no script at all) shows the right figure.
(function () {
  "use strict";
  var timer = document.querySelector("[data-cafe-remaining]");
  if (!timer) return;
  var left = parseInt(timer.getAttribute("data-cafe-remaining"), 10);
  if (!(left >= 0)) return;
  var end = Date.now() + left * 1000;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(s) {
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    timer.textContent = h > 0 ? h + ":" + pad(m) + ":" + pad(r) : pad(m) + ":" + pad(r);
  }
  function tick() {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    show(s);
    if (s > 0) {
      window.setTimeout(tick, 1000);
    } else {
      timer.classList.add("cafe-timer-over");
      // The status region announces it, and shows it in words, not only in colour.
      var status = document.querySelector("[data-cafe-time-up]");
      if (status && !status.textContent) {
        status.textContent = status.getAttribute("data-cafe-time-up");
      }
    }
  }
  tick();
})();
