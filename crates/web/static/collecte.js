// The collecte room screen, live: listens to the server-sent events of the collection and
// puts each new or changed item in place (the server sends its HTML). Without this script
// the page still shows everything on a reload.
(function () {
  "use strict";
  var screen = document.querySelector(".collecte-screen[data-stream]");
  if (!screen || !window.EventSource) return;
  var list = document.getElementById("collecte-items");
  var count = document.getElementById("collecte-count");
  var url = screen.getAttribute("data-stream") + "?depuis=" + encodeURIComponent(screen.getAttribute("data-revision") || "0");
  var source = new EventSource(url);
  source.addEventListener("item", function (e) {
    var data;
    try { data = JSON.parse(e.data); } catch (err) { return; }
    var template = document.createElement("template");
    template.innerHTML = data.html.trim();
    var node = template.content.firstElementChild;
    if (!node) return;
    var current = document.getElementById("item-" + data.id);
    if (current) {
      // Keep the tools open if the facilitator was using them.
      var open = current.querySelector("details[open]");
      var details = node.querySelector("details");
      if (open && details) details.open = true;
      current.replaceWith(node);
    } else {
      list.appendChild(node);
      var empty = document.getElementById("collecte-empty");
      if (empty) empty.remove();
    }
    if (count && typeof data.count === "number") count.textContent = String(data.count);
    screen.setAttribute("data-revision", String(data.revision));
  });
  source.addEventListener("closed", function () {
    source.close();
    window.location.reload();
  });
})();
