/* global window, document, location, history, XMLHttpRequest, FormData */
// Uploads with progress (U4): a form marked data-upload is sent by XMLHttpRequest so the percent
// done can be shown and announced; the server's answer page then replaces this one. Without
// JavaScript the same form posts normally. Files over the size shown at the picker are flagged
// before sending; the server checks everything again.
(function () {
  'use strict';

  function setup(root) {
    var forms = root.querySelectorAll('form[data-upload]');
    for (var i = 0; i < forms.length; i++) forms[i].addEventListener('submit', onSubmit);
  }

  function formatMb(n) {
    return (Math.round((n / 1048576) * 10) / 10).toLocaleString('vi-VN') + ' MB';
  }

  function tooLarge(form) {
    var inputs = form.querySelectorAll('input[type=file][data-max-bytes]');
    for (var i = 0; i < inputs.length; i++) {
      var max = Number(inputs[i].getAttribute('data-max-bytes'));
      var f = inputs[i].files && inputs[i].files[0];
      if (f && max && f.size > max) return { input: inputs[i], file: f, max: max };
    }
    return null;
  }

  function chosenFiles(form) {
    var inputs = form.querySelectorAll('input[type=file]');
    for (var i = 0; i < inputs.length; i++) if (inputs[i].files && inputs[i].files.length) return true;
    return false;
  }

  function onSubmit(event) {
    var form = event.currentTarget;
    // Nothing to upload (a step back, a file removed): the browser's own post is just as good.
    if (!window.XMLHttpRequest || !window.FormData || !chosenFiles(form)) return;
    event.preventDefault();
    var submitter = event.submitter;
    var box = form.querySelector('.upload-progress');
    var bar = form.querySelector('progress');
    var status = form.querySelector('.upload-status');
    var button = form.querySelector('button[type=submit]');
    var big = tooLarge(form);
    if (box) box.hidden = false;
    if (big) {
      status.textContent = 'Tệp "' + big.file.name + '" lớn hơn dung lượng tối đa ' + formatMb(big.max) + '; hãy chọn tệp khác.';
      big.input.focus();
      return;
    }
    var xhr = new XMLHttpRequest();
    var lastSaid = -1;
    xhr.open('POST', form.action);
    xhr.responseType = 'document';
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      var pct = Math.floor((e.loaded / e.total) * 100);
      if (bar) bar.value = pct;
      // Announce every 10 percent, not every event: a screen reader should not be flooded.
      var step = Math.floor(pct / 10) * 10;
      if (step !== lastSaid) {
        lastSaid = step;
        status.textContent = 'Đã tải lên ' + pct + '%';
      }
    };
    xhr.upload.onload = function () {
      if (bar) bar.value = 100;
      status.textContent = 'Đã tải lên 100%. Đang lưu…';
    };
    xhr.onload = function () {
      // Sent and redirected to the next page (the check page, the application): open it as a page of its own.
      if (xhr.responseURL && xhr.responseURL.split('?')[0] !== form.action.split('?')[0] && xhr.status < 300) {
        location.assign(xhr.responseURL);
        return;
      }
      var doc = xhr.response;
      if (!doc || !doc.documentElement) {
        status.textContent = 'Máy chủ không trả lời đúng; hồ sơ chưa được lưu. Hãy thử lại.';
        if (button) button.disabled = false;
        return;
      }
      if (xhr.responseURL && xhr.responseURL !== location.href) history.replaceState(null, '', xhr.responseURL);
      document.title = doc.title;
      var next = document.importNode(doc.body, true);
      document.body.replaceWith(next);
      window.scrollTo(0, 0);
      var focus = next.querySelector('.error-summary, [role=status] h1, h1');
      if (focus) {
        if (!focus.hasAttribute('tabindex')) focus.setAttribute('tabindex', '-1');
        focus.focus();
      }
      setup(next);
    };
    xhr.onerror = function () {
      status.textContent = 'Mất kết nối khi tải lên; hồ sơ chưa được lưu. Hãy kiểm tra mạng và gửi lại.';
      if (button) button.disabled = false;
    };
    if (button) button.disabled = true;
    status.textContent = 'Đã tải lên 0%';
    var data = new FormData(form);
    // The button pressed says what to do ("Tiếp tục", "Bỏ tệp này"); FormData(form) leaves it out.
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    xhr.send(data);
  }

  setup(document);
})();
