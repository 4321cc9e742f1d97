// The SCORM player of a module: the scorm-again runtime (window.API for SCORM
// 1.2, window.API_1484_11 for 2004) loaded with the learner's stored data, then
// the package in a frame of this page, where it finds the runtime in
// window.parent. Each commit goes to the module's endpoint with the CSRF
// token; its answer says whether the module is now complete.
(function () {
  "use strict";

  function status(player, text, link) {
    var region = document.getElementById(player.dataset.status);
    if (!region) return;
    region.replaceChildren();
    var message = document.createElement("p");
    message.textContent = text;
    region.appendChild(message);
    if (link) {
      var anchor = document.createElement("a");
      anchor.className = "button";
      anchor.href = link.url;
      anchor.textContent = link.text;
      region.appendChild(anchor);
    }
  }

  function answered(player, data) {
    if (!data || !data.module_done || player.dataset.done) return;
    player.dataset.done = "1";
    var link = data.next_url
      ? { url: data.next_url, text: player.dataset.textNext + ": " + data.next_title }
      : { url: data.course_url, text: player.dataset.textCourse };
    status(player, player.dataset.textDone, link);
  }

  // A commit is a synchronous request (the package waits for LMSCommit's
  // answer); the final one, when the package ends or the page is left, is a
  // request kept alive past the page, still with the CSRF header that a
  // beacon could not carry.
  function httpService(player) {
    var headers = {
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-CSRFToken": player.dataset.csrf,
    };
    var FAILED = { result: "false", errorCode: 101 };
    return {
      updateSettings: function () {},
      processHttpRequest: function (url, params, immediate) {
        var body = JSON.stringify(params);
        if (immediate && body.length < 60000) {
          fetch(url, {
            method: "POST",
            body: body,
            headers: headers,
            credentials: "same-origin",
            keepalive: true,
          })
            .then(function (response) {
              return response.ok ? response.json() : null;
            })
            .then(function (data) {
              answered(player, data);
            })
            .catch(function () {});
          return { result: "true", errorCode: 0 };
        }
        var xhr = new XMLHttpRequest();
        try {
          xhr.open("POST", url, false);
          Object.keys(headers).forEach(function (name) {
            xhr.setRequestHeader(name, headers[name]);
          });
          xhr.send(body);
        } catch (error) {
          status(player, player.dataset.textError);
          return FAILED;
        }
        if (xhr.status < 200 || xhr.status > 299) {
          var message = player.dataset.textError;
          try {
            message = JSON.parse(xhr.responseText).error || message;
          } catch (error) {}
          status(player, message);
          return FAILED;
        }
        try {
          answered(player, JSON.parse(xhr.responseText));
        } catch (error) {}
        return { result: "true", errorCode: 0 };
      },
    };
  }

  function start(player) {
    if (player.dataset.started) return;
    player.dataset.started = "1";
    var state = JSON.parse(document.getElementById(player.dataset.state).textContent);
    var settings = { autocommit: false, logLevel: 4, dataCommitFormat: "json" };
    if (player.dataset.commitUrl) {
      settings.lmsCommitUrl = player.dataset.commitUrl;
      settings.httpService = httpService(player);
    }
    if (player.dataset.version === "1.2") {
      window.API = new window.Scorm12API(settings);
      window.API.loadFromJSON(state, "");
    } else {
      window.API_1484_11 = new window.Scorm2004API(settings);
      window.API_1484_11.loadFromJSON(state, "");
    }
    var frame = document.createElement("iframe");
    frame.className = "scorm__frame";
    frame.title = player.dataset.frameTitle;
    frame.src = player.dataset.launch;
    player.appendChild(frame);
  }

  function init() {
    // One package per module: the runtime is a single global of the page.
    var player = document.querySelector("[data-scorm-player]");
    if (player) start(player);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
