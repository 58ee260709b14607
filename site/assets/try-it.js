/* The try-it console of an operation page: built from the JSON the page embeds (TryItSpec), it sends a real
   request to a server of the document, the local mock or any URL, and shows the answer, its headers, the
   violations a validating proxy reports (sl-violations) and the curl command for exactly this request.
   Without script the page reads the same: the console is hidden until this file builds it. */
(function () {
  'use strict';
  var root = document.querySelector('[data-try-it]');
  var specNode = root && root.querySelector('[data-try-it-spec]');
  if (!root || !specNode) { return; }
  var spec;
  try { spec = JSON.parse(specNode.textContent); } catch (e) { return; }
  var storePrefix = 'docgen-try-it:';

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') { node.textContent = attributes[name]; } else { node.setAttribute(name, attributes[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  var uid = 0;
  function field(labelText, control, required, note) {
    uid += 1;
    control.id = control.id || 'try-it-field-' + uid;
    var label = el('label', { for: control.id, text: labelText });
    if (required) {
      label.appendChild(el('span', { class: 'req', 'aria-hidden': 'true', text: ' *' }));
      control.setAttribute('aria-required', 'true');
    }
    var wrap = el('div', { class: 'try-it-field' }, [label, control]);
    if (note) { wrap.appendChild(el('span', { class: 'try-it-note', text: note })); }
    return wrap;
  }
  var form = el('form', { class: 'try-it-form', novalidate: 'novalidate' });
  form.addEventListener('submit', function (event) { event.preventDefault(); send(); });

  // Server: the document's (their variables as inputs, an enum as a select), the local mock, or any URL.
  // An option's value is the server's place in the list ("server:N"), "mock", or "" for another URL.
  var serverSelect = el('select', { 'data-try-it-server': '' });
  (spec.servers || []).forEach(function (server, i) {
    var url = expand(server, null);
    serverSelect.appendChild(el('option', { value: 'server:' + i, text: (server.description ? server.description + ': ' : '') + url }));
  });
  serverSelect.appendChild(el('option', { value: 'mock', text: 'Local mock: ' + spec.mock }));
  serverSelect.appendChild(el('option', { value: '', text: 'Another URL…' }));
  var otherURL = el('input', { type: 'url', 'data-try-it-url': '', placeholder: 'http://127.0.0.1:4010', 'aria-label': 'Server URL', hidden: '' });
  var variablesBox = el('div', { class: 'try-it-variables', 'data-try-it-variables': '' });
  var variableInputs = {};
  var savedServer = sessionStorage.getItem(storePrefix + 'server');
  if (savedServer !== null) {
    var known = Array.prototype.some.call(serverSelect.options, function (o) { return o.value === savedServer && o.value; });
    if (known) { serverSelect.value = savedServer; } else if (savedServer) { serverSelect.value = ''; otherURL.value = savedServer; }
  }
  form.appendChild(field('Server', serverSelect));
  form.appendChild(otherURL);
  form.appendChild(variablesBox);
  function selectedServer() {
    var m = /^server:(\d+)$/.exec(serverSelect.value);
    return m ? (spec.servers || [])[Number(m[1])] : null;
  }
  // The URL of `server` with each {variable} replaced: from its input when shown, its default otherwise.
  function expand(server, inputs) {
    var url = server.url;
    Object.keys(server.variables || {}).forEach(function (name) {
      var value = inputs && inputs[name] ? inputs[name].value : String(server.variables[name]['default'] || '');
      url = url.split('{' + name + '}').join(value);
    });
    return url;
  }
  function showServer() {
    otherURL.hidden = serverSelect.value !== '';
    variablesBox.textContent = '';
    variableInputs = {};
    var server = selectedServer();
    if (!server) { return; }
    Object.keys(server.variables || {}).forEach(function (name) {
      var variable = server.variables[name] || {};
      var input;
      if (variable['enum']) {
        input = el('select');
        variable['enum'].forEach(function (value) { input.appendChild(el('option', { value: value, text: value })); });
      } else {
        input = el('input', { type: 'text', spellcheck: 'false' });
      }
      input.setAttribute('data-try-it-variable', name);
      var saved = sessionStorage.getItem(storePrefix + 'variable:' + serverSelect.value + ':' + name);
      input.value = saved !== null ? saved : String(variable['default'] || '');
      variablesBox.appendChild(field('{' + name + '}', input, true, variable.description));
      variableInputs[name] = input;
    });
  }
  showServer();
  serverSelect.addEventListener('change', function () { showServer(); update(); });

  // Credentials, entered once: kept for the session, remembered on this device only if asked.
  var credentialInputs = [];
  var remember = el('input', { type: 'checkbox', id: 'try-it-remember' });
  (spec.security || []).forEach(function (scheme, i) {
    var input = el('input', { type: 'password', autocomplete: 'off', spellcheck: 'false' });
    if (i === 0) { input.setAttribute('data-try-it-token', ''); }
    var stored = localStorage.getItem(storePrefix + 'credential:' + scheme.name);
    if (stored !== null) { remember.checked = true; }
    input.value = stored !== null ? stored : (sessionStorage.getItem(storePrefix + 'credential:' + scheme.name) || '');
    var what = scheme.kind === 'bearer' ? 'Bearer token' : scheme.kind === 'basic' ? 'user:password'
      : scheme.kind + ' ' + scheme.param;
    form.appendChild(field(scheme.name + ' (' + what + ')', input, false));
    credentialInputs.push({ scheme: scheme, input: input });
  });
  if (credentialInputs.length) {
    form.appendChild(el('div', { class: 'try-it-field try-it-remember' },
      [remember, el('label', { for: 'try-it-remember', text: 'Remember on this device' })]));
  }

  // Parameters, each as its schema says.
  var parameterInputs = [];
  (spec.parameters || []).forEach(function (parameter) {
    var input;
    if (parameter['enum']) {
      input = el('select');
      if (!parameter.required) { input.appendChild(el('option', { value: '', text: '(not sent)' })); }
      parameter['enum'].forEach(function (value) { input.appendChild(el('option', { value: value, text: value })); });
    } else if (parameter.type === 'boolean') {
      input = el('select');
      if (!parameter.required) { input.appendChild(el('option', { value: '', text: '(not sent)' })); }
      ['true', 'false'].forEach(function (value) { input.appendChild(el('option', { value: value, text: value })); });
    } else {
      input = el('input', { type: parameter.type === 'integer' || parameter.type === 'number' ? 'number' : 'text' });
      if (parameter.type === 'integer') { input.setAttribute('step', '1'); }
      if (parameter.minimum !== undefined) { input.setAttribute('min', parameter.minimum); }
      if (parameter.maximum !== undefined) { input.setAttribute('max', parameter.maximum); }
    }
    input.setAttribute('data-try-it-param', parameter.name);
    var start = parameter.example !== undefined ? parameter.example : (parameter.required ? parameter['default'] : undefined);
    if (start !== undefined) { input.value = start; }
    form.appendChild(field(parameter.name + ' (' + parameter['in'] + ', ' + parameter.type + ')', input, parameter.required));
    parameterInputs.push({ parameter: parameter, input: input });
  });

  // The body: the example, editable; a form's fields; a file input for an upload.
  var bodyText = null;
  var bodyFields = [];
  if (spec.body) {
    if (spec.body.fields) {
      spec.body.fields.forEach(function (f) {
        var input = f.file ? el('input', { type: 'file' }) : el('input', { type: 'text' });
        if (!f.file) { input.value = f.example || ''; }
        input.setAttribute('data-try-it-field', f.name);
        form.appendChild(field(f.name + (f.file ? ' (file)' : ''), input, false));
        bodyFields.push({ field: f, input: input });
      });
    } else {
      bodyText = el('textarea', { 'data-try-it-body': '', rows: '8', spellcheck: 'false' });
      bodyText.value = spec.body.example || '';
      form.appendChild(field('Body (' + spec.body.contentType + ')', bodyText, false));
    }
  }

  var message = el('p', { class: 'try-it-message', role: 'alert', 'data-try-it-message': '' });
  var sendButton = el('button', { type: 'submit', class: 'try-it-send', 'data-try-it-send': '', text: 'Send ' + spec.method });
  form.appendChild(el('div', { class: 'try-it-actions' }, [sendButton, message]));

  var curl = el('pre', { class: 'code try-it-curl', 'data-try-it-curl': '' });
  var status = el('p', { class: 'try-it-status', 'data-try-it-status': '', 'aria-live': 'polite' });
  var headersOut = el('pre', { class: 'code try-it-headers', 'data-try-it-headers': '', hidden: '' });
  var responseOut = el('pre', { class: 'code try-it-response', 'data-try-it-response': '', hidden: '' });
  var violations = el('ul', { class: 'try-it-violations', 'data-try-it-violations': '', hidden: '' });
  var output = el('div', { class: 'try-it-output' }, [
    el('p', { class: 'try-it-label', text: 'curl' }), curl, status, violations, headersOut, responseOut,
  ]);
  root.appendChild(form);
  root.appendChild(output);
  root.hidden = false;

  function server() {
    var chosen = selectedServer();
    var base = chosen ? expand(chosen, variableInputs) : serverSelect.value === 'mock' ? spec.mock : otherURL.value.trim();
    return base.replace(/\/+$/, '');
  }

  // The request as the form says, or the first thing wrong with it.
  function build() {
    var problems = [];
    var base = server();
    Object.keys(variableInputs).forEach(function (name) {
      var variable = selectedServer().variables[name] || {};
      var value = variableInputs[name].value;
      if (value === '') { problems.push('Server variable {' + name + '} is empty.'); }
      if (variable['enum'] && variable['enum'].indexOf(value) < 0) {
        problems.push('Server variable {' + name + '} must be one of ' + variable['enum'].join(', ') + '.');
      }
    });
    if (!/^https?:\/\/[^\s/]+/.test(base)) { problems.push('Choose a server, or enter an http:// or https:// URL.'); }
    var path = spec.path;
    var query = [];
    var headers = [];
    parameterInputs.forEach(function (entry) {
      var p = entry.parameter;
      var value = entry.input.value.trim();
      if (value === '') {
        if (p.required) { problems.push('“' + p.name + '” is required.'); }
        return;
      }
      if ((p.type === 'integer' && !/^-?\d+$/.test(value)) || (p.type === 'number' && isNaN(Number(value)))) {
        problems.push('“' + p.name + '” must be ' + (p.type === 'integer' ? 'a whole number.' : 'a number.'));
        return;
      }
      if (p.minimum !== undefined && Number(value) < p.minimum) { problems.push('“' + p.name + '” must be at least ' + p.minimum + '.'); }
      if (p.maximum !== undefined && Number(value) > p.maximum) { problems.push('“' + p.name + '” must be at most ' + p.maximum + '.'); }
      if (p['in'] === 'path') { path = path.split('{' + p.name + '}').join(encodeURIComponent(value)); }
      else if (p['in'] === 'query') { query.push(encodeURIComponent(p.name) + '=' + encodeURIComponent(value)); }
      else if (p['in'] === 'header') { headers.push([p.name, value]); }
    });
    credentialInputs.forEach(function (entry) {
      var s = entry.scheme;
      var value = entry.input.value.trim();
      if (!value) { return; }
      if (s.kind === 'bearer') { headers.push(['Authorization', 'Bearer ' + value]); }
      else if (s.kind === 'basic') { headers.push(['Authorization', 'Basic ' + btoa(value)]); }
      else if (s.kind === 'header') { headers.push([s.param, value]); }
      else if (s.kind === 'query') { query.push(encodeURIComponent(s.param) + '=' + encodeURIComponent(value)); }
    });
    var body = null;
    var curlBody = [];
    if (bodyText) {
      var text = bodyText.value;
      if (/json/i.test(spec.body.contentType) && text.trim()) {
        try { JSON.parse(text); } catch (e) { problems.push('The body is not valid JSON: ' + e.message); }
      }
      if (text.trim()) {
        headers.push(['Content-Type', spec.body.contentType]);
        body = text;
        curlBody.push('--data-raw ' + quote(text));
      }
    } else if (bodyFields.length) {
      if (spec.body.contentType === 'multipart/form-data') {
        body = new FormData();
        bodyFields.forEach(function (entry) {
          if (entry.field.file) {
            var file = entry.input.files && entry.input.files[0];
            if (file) { body.append(entry.field.name, file, file.name); curlBody.push('--form ' + quote(entry.field.name + '=@' + file.name)); }
          } else if (entry.input.value !== '') {
            body.append(entry.field.name, entry.input.value);
            curlBody.push('--form-string ' + quote(entry.field.name + '=' + entry.input.value));
          }
        });
      } else {
        var pairs = bodyFields.filter(function (entry) { return entry.input.value !== ''; }).map(function (entry) {
          return encodeURIComponent(entry.field.name) + '=' + encodeURIComponent(entry.input.value);
        });
        headers.push(['Content-Type', spec.body.contentType]);
        body = pairs.join('&');
        curlBody.push('--data-raw ' + quote(body));
      }
    }
    var url = base + path + (query.length ? '?' + query.join('&') : '');
    var lines = ['curl --request ' + spec.method, '  --url ' + quote(url)];
    headers.forEach(function (h) { lines.push('  --header ' + quote(h[0] + ': ' + h[1])); });
    curlBody.forEach(function (part) { lines.push('  ' + part); });
    return { url: url, headers: headers, body: body, curl: lines.join(' \\\n'), problems: problems };
  }

  function quote(text) { return "'" + String(text).split("'").join("'\\''") + "'"; }

  function update() {
    curl.textContent = build().curl;
    sessionStorage.setItem(storePrefix + 'server', serverSelect.value || otherURL.value.trim());
    Object.keys(variableInputs).forEach(function (name) {
      sessionStorage.setItem(storePrefix + 'variable:' + serverSelect.value + ':' + name, variableInputs[name].value);
    });
    credentialInputs.forEach(function (entry) {
      var key = storePrefix + 'credential:' + entry.scheme.name;
      sessionStorage.setItem(key, entry.input.value);
      if (remember.checked) { localStorage.setItem(key, entry.input.value); } else { localStorage.removeItem(key); }
    });
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();

  function send() {
    var request = build();
    curl.textContent = request.curl;
    if (request.problems.length) {
      message.textContent = request.problems.join(' ');
      return;
    }
    message.textContent = '';
    status.textContent = 'Sending…';
    sendButton.disabled = true;
    var started = performance.now();
    var headers = new Headers();
    request.headers.forEach(function (h) { headers.append(h[0], h[1]); });
    fetch(request.url, { method: spec.method, headers: headers, body: request.body, mode: 'cors' }).then(function (response) {
      return response.text().then(function (text) {
        var ms = Math.round(performance.now() - started);
        status.textContent = response.status + ' ' + (response.statusText || '') + ' · ' + ms + ' ms';
        status.className = 'try-it-status status-' + String(response.status).charAt(0) + 'xx';
        var lines = [];
        response.headers.forEach(function (value, name) { lines.push(name + ': ' + value); });
        headersOut.textContent = lines.join('\n');
        headersOut.hidden = lines.length === 0;
        var shown = text;
        try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON: as it came */ }
        responseOut.textContent = shown || '(no body)';
        responseOut.hidden = false;
        showViolations(response.headers.get('sl-violations'));
      });
    }, function (error) {
      status.textContent = '';
      message.textContent = 'Could not reach ' + request.url + ' (' + error.message + '). Is the server running, and does it '
        + 'allow this page\u2019s origin (CORS)? specvalidate mock and specvalidate proxy do.';
    }).then(function () { sendButton.disabled = false; });
  }

  function showViolations(header) {
    violations.textContent = '';
    violations.hidden = true;
    if (!header) { return; }
    var list;
    try { list = JSON.parse(header.replace(/^Too many violations! /, '')); } catch (e) { return; }
    list.forEach(function (v) {
      violations.appendChild(el('li', { text: (v.location || []).join('.') + ': ' + v.message + ' [' + v.code + ']' }));
    });
    violations.hidden = list.length === 0;
  }
})();
