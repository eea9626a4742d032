// Essaim, débats: voting without reloading the page.
//
// Progressive enhancement only: every form of the page works without this script. With it, a
// vote on the statement card is sent with fetch (the same POST, asking for JSON); the answer
// carries the next card and the list of one's votes, rendered by the server as the page
// renders them, which replace the old ones. Focus moves to the new statement and a status
// message says the vote was recorded. Any failure falls back to sending the form normally.
(function () {
  "use strict";
  var area = document.getElementById("vote-area");
  if (!area || !window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }
  var status = document.getElementById("vote-status");
  var busy = false;

  function sendNormally(form, button) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = button.name;
    input.value = button.value;
    form.appendChild(input);
    HTMLFormElement.prototype.submit.call(form);
  }

  area.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!form.classList.contains("vote-card") || !button || button.name !== "vote") {
      return;
    }
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true;
    form.setAttribute("aria-busy", "true");
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      body.append(key, value);
    });
    body.set("vote", button.value);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        area.innerHTML = data.vote_html;
        var mine = document.getElementById("my-votes");
        if (mine && typeof data.my_votes_html === "string") {
          mine.innerHTML = data.my_votes_html;
        }
        if (status && data.message) {
          status.textContent = data.message;
        }
        var next = document.getElementById("vote-focus");
        if (next) {
          next.focus();
        }
        busy = false;
      })
      .catch(function () {
        busy = false;
        form.removeAttribute("aria-busy");
        sendNormally(form, button);
      });
  });
})();
