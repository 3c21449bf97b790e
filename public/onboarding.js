// The host page's side of the integration: attributes in, DOM events out. No framework.
(function () {
  'use strict';
  var widget = document.querySelector('okaylive-capture');
  var outcome = document.getElementById('bank-outcome');
  var proceed = document.getElementById('bank-continue');
  var language = document.getElementById('bank-language');
  var events = document.getElementById('bank-events');
  if (!widget || !outcome || !proceed || !language || !events) return;

  // ?locale=ms, ?theme=dark and ?layout=inline let the demo (and the tests) try the options.
  var params = new URLSearchParams(location.search);
  var locale = params.get('locale');
  if (locale) {
    widget.setAttribute('locale', locale);
    language.value = locale;
  }
  if (params.get('theme')) widget.setAttribute('theme', params.get('theme'));
  if (params.get('layout')) widget.setAttribute('layout', params.get('layout'));
  if (params.get('journeyId')) widget.setAttribute('journey-id', params.get('journeyId'));

  language.addEventListener('change', function () {
    widget.setAttribute('locale', language.value);
  });

  function log(kind, detail) {
    var item = document.createElement('li');
    item.dataset.event = kind;
    item.textContent = kind + (detail === undefined ? '' : ' ' + JSON.stringify(detail));
    events.prepend(item);
  }

  widget.addEventListener('okaylive-statechange', function (event) {
    log('statechange', event.detail.state);
  });
  widget.addEventListener('okaylive-capture', function (event) {
    log('capture', {
      bytes: event.detail.blob.size,
      width: event.detail.meta.width,
      height: event.detail.meta.height,
      camera: event.detail.meta.camera,
    });
  });
  widget.addEventListener('okaylive-result', function (event) {
    var verdict = event.detail;
    log('result', verdict);
    // The page only lets the person continue on the server's "live"; the widget never decides.
    proceed.disabled = verdict.outcome !== 'live';
    outcome.textContent =
      verdict.outcome === 'live' ? 'Selfie accepted. You can continue.' : 'The selfie step is not complete yet.';
  });
  widget.addEventListener('okaylive-error', function (event) {
    log('error', event.detail);
  });
  widget.addEventListener('okaylive-cancel', function () {
    log('cancel');
    outcome.textContent = 'Selfie cancelled. You can start it again or go back.';
    proceed.disabled = true;
  });
  proceed.addEventListener('click', function () {
    outcome.textContent = 'Thank you. (In a real flow the next step would open now.)';
  });
})();
