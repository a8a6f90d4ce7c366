// The HTML report's script, inlined into the page. It reads the report from the page's
// <script type="application/json"> block, builds the findings table with DOM text nodes (never
// innerHTML for report data, so a resource name cannot inject markup), and wires the filters and
// the rule documentation dialog. Plain ES2017 without template literals, so it sits safely in a
// TypeScript string and runs in any current browser from file://.
export const HTML_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var report = data.report;
  var rulesById = {};
  report.rules.forEach(function (rule) { rulesById[rule.id] = rule; });
  var aliases = {};
  report.accounts.forEach(function (account) { aliases[account.accountId] = account.accountAlias || ''; });
  var multiAccount = report.accounts.length > 1;
  var baseline = Array.isArray(report.fixed);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function ruleButton(ruleId) {
    var button = el('button', 'rule-link', ruleId);
    button.type = 'button';
    button.setAttribute('data-rule', ruleId);
    button.title = 'Show the documentation of ' + ruleId;
    return button;
  }

  function shortArn(arn) {
    var match = /^arn:[^:]+:iam::[0-9]{12}:(.*)$/.exec(arn);
    return match ? match[1] : arn;
  }

  // An escalation finding's path, hop by hop, with the statements that allow each hop.
  function pathList(path) {
    var list = el('ol', 'path');
    path.hops.forEach(function (hop) {
      var item = el('li', '', shortArn(hop.from) + ' \u2192 ' + shortArn(hop.to) + ' (' + hop.method +
        (hop.conditional ? ', conditional' : '') + ')');
      hop.statements.forEach(function (s) {
        var policy = s.policy.trustPolicyOf ? 'trust policy of ' + shortArn(s.policy.trustPolicyOf)
          : s.policy.policyArn ? shortArn(s.policy.policyArn)
          : 'inline policy ' + s.policy.inlinePolicy + ' of ' + shortArn(s.policy.owner);
        var sid = s.sid !== undefined ? s.sid : s.statementIndex;
        item.appendChild(el('span', 'why', s.action + ': ' + policy + ', statement ' + sid));
      });
      list.appendChild(item);
    });
    return list;
  }

  var tbody = document.getElementById('findings-body');
  var rows = report.findings.map(function (finding, index) {
    var rule = rulesById[finding.ruleId] || { title: '' };
    var tr = el('tr', 'finding sev-' + finding.severity + (finding.suppressed ? ' suppressed' : ''));

    var severityCell = el('td', 'sevcell');
    severityCell.appendChild(el('span', 'sev sev-' + finding.severity, finding.severity));
    tr.appendChild(severityCell);

    var ruleCell = el('td');
    ruleCell.appendChild(ruleButton(finding.ruleId));
    ruleCell.appendChild(el('span', 'why', rule.title));
    tr.appendChild(ruleCell);

    var resourceCell = el('td', 'resource mono', data.resourceLabels[index]);
    resourceCell.title = finding.resource;
    tr.appendChild(resourceCell);

    var messageCell = el('td', '', finding.message);
    var path = finding.evidence && finding.evidence.path;
    if (path && Array.isArray(path.hops)) messageCell.appendChild(pathList(path));
    var suppression = '';
    if (finding.suppressed) {
      suppression = 'Suppressed: ' + finding.suppressed.reason +
        (finding.suppressed.expires ? ' (until ' + finding.suppressed.expires + ')' : '');
      messageCell.appendChild(el('span', 'why', suppression));
    }
    tr.appendChild(messageCell);

    if (multiAccount) {
      var alias = aliases[finding.accountId];
      tr.appendChild(el('td', 'mono', finding.accountId + (alias ? ' (' + alias + ')' : '')));
    }
    if (baseline) {
      var state = finding.baselineState || 'new';
      var cell = el('td');
      cell.appendChild(el('span', 'tag tag-' + state, state));
      tr.appendChild(cell);
    }
    tbody.appendChild(tr);
    var haystack = [finding.ruleId, rule.title, finding.resource, finding.message, finding.accountId,
      aliases[finding.accountId], suppression].join(' ').toLowerCase();
    return { tr: tr, finding: finding, haystack: haystack };
  });

  var textInput = document.getElementById('filter-text');
  var accountSelect = document.getElementById('filter-account');
  var baselineSelect = document.getElementById('filter-baseline');
  var suppressedToggle = document.getElementById('show-suppressed');
  var severityBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name="severity"]'));
  var shownLabel = document.getElementById('shown-count');
  var emptyNote = document.getElementById('findings-empty');

  function applyFilters() {
    var terms = textInput.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var severities = {};
    severityBoxes.forEach(function (box) { severities[box.value] = box.checked; });
    var account = accountSelect ? accountSelect.value : '';
    var state = baselineSelect ? baselineSelect.value : '';
    var showSuppressed = suppressedToggle ? suppressedToggle.checked : false;
    var shown = 0;
    rows.forEach(function (row) {
      var f = row.finding;
      var visible = severities[f.severity] === true &&
        (account === '' || f.accountId === account) &&
        (showSuppressed || !f.suppressed) &&
        (state === '' || (f.baselineState || 'new') === state) &&
        terms.every(function (term) { return row.haystack.indexOf(term) >= 0; });
      row.tr.hidden = !visible;
      if (visible) shown++;
    });
    shownLabel.textContent = 'Showing ' + shown + ' of ' + rows.length + ' finding' + (rows.length === 1 ? '' : 's');
    emptyNote.hidden = shown > 0;
  }

  textInput.addEventListener('input', applyFilters);
  [accountSelect, baselineSelect, suppressedToggle].concat(severityBoxes).forEach(function (control) {
    if (control) control.addEventListener('change', applyFilters);
  });

  var dialog = document.getElementById('rule-doc');
  function slot(name) { return dialog.querySelector('[data-slot="' + name + '"]'); }

  function openRule(ruleId) {
    var rule = rulesById[ruleId];
    var docs = data.ruleDocs[ruleId];
    if (!rule || !docs) return;
    slot('title').textContent = rule.title;
    slot('id').textContent = rule.id;
    var severity = slot('severity');
    severity.className = 'sev sev-' + rule.severity;
    severity.textContent = rule.severity;
    slot('frameworks').textContent = Object.keys(rule.frameworks).map(function (name) {
      return name + ': ' + rule.frameworks[name].join(', ');
    }).join(' \\u00b7 ');
    // docsToHtml escaped the rule text before adding its few tags: this is not report data.
    slot('rationale').innerHTML = docs.rationale;
    slot('remediation').innerHTML = docs.remediation;
    slot('references').innerHTML = docs.references;
    slot('references-heading').hidden = docs.references === '';
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var ruleTrigger = target.closest('[data-rule]');
    if (ruleTrigger) { openRule(ruleTrigger.getAttribute('data-rule')); return; }
    var filterTrigger = target.closest('[data-filter-rule]');
    if (filterTrigger) {
      textInput.value = filterTrigger.getAttribute('data-filter-rule');
      applyFilters();
      document.getElementById('findings').scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    if (target === dialog || target.closest('[data-close]')) dialog.close();
  });

  applyFilters();
})();
`;
