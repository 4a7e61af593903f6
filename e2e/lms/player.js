// The stand-in LMS (player.html?v=1.2|2004&href=<SCO launch page>): creates scorm-again's run-time
// for the SCO, fed with what the "database" (sessionStorage) kept from its last session, as an LMS
// does on a resume, and saves the run-time's data on every commit and at the end.
(function () {
  const params = new URLSearchParams(location.search);
  const version = params.get('v');
  const href = params.get('href');
  const key = `test-lms:${version}:${href}`;
  const saved = JSON.parse(sessionStorage.getItem(key) || 'null');
  const settings = { autocommit: false, logLevel: 4 };
  const api = version === '1.2' ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  if (saved) {
    api.loadFromJSON(saved);
    // A resume: the LMS says so, as it does when the last session ended with exit = suspend.
    if (version === '1.2') api.cmi.core.entry = 'resume';
    else api.cmi.entry = 'resume';
  }
  const save = () => sessionStorage.setItem(key, JSON.stringify(api.renderCMIToJSONObject()));
  const calls = [];
  for (const name of version === '1.2' ? ['LMSCommit', 'LMSFinish'] : ['Commit', 'Terminate']) {
    api.on(name, () => {
      calls.push(name);
      save();
    });
  }
  if (version === '1.2') window.API = api;
  else window.API_1484_11 = api;
  window.testLms = {
    calls,
    saved: () => JSON.parse(sessionStorage.getItem(key) || 'null'),
    unload: () => document.getElementById('sco').remove(),
  };
  addEventListener('DOMContentLoaded', () => {
    document.getElementById('sco').src = href;
  });
})();
