/*
 * Tableau de bord. The page holds no figures: this script asks for a bearer token, keeps it in the
 * tab's session storage only, and reads the JSON API with it. Every figure shown comes from the API,
 * as the token's organisation may read it (exact for its own scope, masked for national readers).
 */
(function () {
  'use strict';

  const TOKEN_KEY = 'passerelle.jeton';
  const YEARS_SHOWN = 5;
  const SIX = ['SOLICITED', 'JOINT_INTERVIEWS', 'ORIENTATION_DIAGNOSED', 'REGISTERED', 'JOINT_AUTONOMY_PROJECTS', 'CEJ_BENEFICIARIES'];
  // Colours with a contrast of at least 3:1 against white, told apart by more than their hue.
  const COLOURS = ['#000091', '#c9191e', '#18753c', '#a94400', '#6e445a', '#0063cb'];
  const MASKED = 'masqué';
  const NONE = '–';
  const NUMBER = new Intl.NumberFormat('fr-FR');
  const PERCENT = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  const labels = {};
  const sections = {};
  const indicators = {};
  let charts = [];
  let state = null;

  function $(id) {
    return document.getElementById(id);
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  /** An API error the page explains in French. */
  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  async function api(path, accept) {
    const response = await fetch(path, {
      headers: { Authorization: 'Bearer ' + token(), Accept: accept || 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    });
    if (!response.ok) {
      let detail = '';
      try {
        detail = (await response.json()).detail || '';
      } catch (ignored) {
        detail = '';
      }
      throw new ApiError(response.status, detail);
    }
    return accept && accept !== 'application/json' ? response.blob() : response.json();
  }

  function explain(error) {
    if (!(error instanceof ApiError)) {
      return 'Le service ne répond pas. Réessayez dans un instant.';
    }
    switch (error.status) {
      case 401: return 'Jeton refusé : il est peut-être expiré ou incomplet. Collez un nouveau jeton.';
      case 403: return 'Ce jeton ne donne pas accès à ces chiffres.';
      case 429: return 'Trop de requêtes pour votre organisation : réessayez dans une minute.';
      case 503: return 'Le service est momentanément indisponible : réessayez dans un instant.';
      default: return 'Erreur ' + error.status + (error.message ? ' : ' + error.message : '') + '.';
    }
  }

  function say(message) {
    $('statut').textContent = message;
  }

  function fail(message) {
    $('erreur').textContent = message;
  }

  function text(element, value) {
    element.textContent = value;
    return element;
  }

  function cell(row, tag, value, masked, scope) {
    const element = document.createElement(tag);
    if (scope) {
      element.scope = scope;
    }
    element.textContent = value;
    if (masked) {
      element.classList.add('masque');
      element.dataset.masque = 'true';
    }
    row.appendChild(element);
    return element;
  }

  function count(figure) {
    if (!figure) {
      return { text: NONE, masked: false, value: null };
    }
    return figure.masked ? { text: MASKED, masked: true, value: null } : { text: NUMBER.format(figure.value), masked: false, value: figure.value };
  }

  function percent(value, masked) {
    if (masked) {
      return { text: MASKED, masked: true, value: null };
    }
    return value === null || value === undefined ? { text: NONE, masked: false, value: null } : { text: PERCENT.format(value) + ' %', masked: false, value: value };
  }

  function figures(table, measure) {
    return table.measures.find((figure) => figure.measure === measure);
  }

  function clear(element) {
    while (element.firstChild) {
      element.removeChild(element.firstChild);
    }
  }

  function destroyCharts() {
    charts.forEach((chart) => chart.destroy());
    charts = [];
  }

  function chart(canvas, config) {
    if (!window.Chart) {
      return;
    }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    charts.push(new window.Chart(canvas, config));
  }

  function scopeName(series, review, missionLocale) {
    switch (series.level) {
      case 'DEPARTEMENT': return review ? review.departementName + ' (' + review.departementCode + ')' : 'Collectivité ' + series.code;
      case 'MISSION_LOCALE': return missionLocale ? missionLocale.name : 'Mission Locale';
      case 'REGION': return 'Région ' + series.code;
      default: return 'National';
    }
  }

  function renderSeries(series) {
    const table = $('table-indicateurs');
    const head = table.querySelector('thead');
    const body = table.querySelector('tbody');
    clear(head);
    clear(body);
    const header = document.createElement('tr');
    cell(header, 'th', 'Indicateur', false, 'col');
    series.years.forEach((year) => cell(header, 'th', String(year.year), false, 'col'));
    head.appendChild(header);
    SIX.forEach((measure) => {
      const row = document.createElement('tr');
      row.dataset.mesure = measure;
      cell(row, 'th', indicators[measure] + '. ' + labels[measure], false, 'row');
      series.years.forEach((year) => {
        const shown = count(figures(year, measure).total);
        const td = cell(row, 'td', shown.text, shown.masked);
        td.dataset.annee = String(year.year);
      });
      body.appendChild(row);
    });
    chart($('graphique-indicateurs'), {
      type: 'bar',
      data: {
        labels: series.years.map((year) => String(year.year)),
        datasets: SIX.map((measure, index) => ({
          label: indicators[measure] + '. ' + labels[measure],
          data: series.years.map((year) => count(figures(year, measure).total).value),
          backgroundColor: COLOURS[index],
          borderColor: COLOURS[index]
        }))
      },
      options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  /** Rates of the scope and, when known, the national ones: from the progress review, or the tables themselves. */
  function renderRates(rates) {
    const body = $('table-taux').querySelector('tbody');
    clear(body);
    rates.forEach((rate) => {
      const row = document.createElement('tr');
      row.dataset.mesure = rate.numerator;
      cell(row, 'th', labels[rate.numerator], false, 'row');
      cell(row, 'td', labels[rate.denominator], false).classList.add('libelle');
      const own = percent(rate.percent, rate.masked);
      cell(row, 'td', own.text, own.masked).dataset.role = 'perimetre';
      const national = rate.national === undefined ? { text: NONE, masked: false, value: null } : percent(rate.national, rate.nationalMasked);
      cell(row, 'td', national.text, national.masked).dataset.role = 'national';
      body.appendChild(row);
    });
    chart($('graphique-taux'), {
      type: 'bar',
      data: {
        labels: rates.map((rate) => labels[rate.numerator]),
        datasets: [
          { label: 'Périmètre', data: rates.map((rate) => percent(rate.percent, rate.masked).value), backgroundColor: COLOURS[0] },
          { label: 'National', data: rates.map((rate) => rate.national === undefined ? null : percent(rate.national, rate.nationalMasked).value), backgroundColor: COLOURS[3] }
        ]
      },
      options: { indexAxis: 'y', plugins: { legend: { position: 'bottom' } }, scales: { x: { beginAtZero: true } } }
    });
  }

  function renderTerritorial(table) {
    const body = $('table-territorial').querySelector('tbody');
    clear(body);
    table.measures.filter((figure) => sections[figure.measure] === 'TERRITORIAL').forEach((figure) => {
      const row = document.createElement('tr');
      row.dataset.mesure = figure.measure;
      cell(row, 'th', labels[figure.measure], false, 'row');
      const shown = count(figure.total);
      cell(row, 'td', shown.text, shown.masked);
      body.appendChild(row);
    });
  }

  function renderRanking() {
    const comparison = state.comparison;
    const measure = $('mesure-classement').value;
    const body = $('table-classement').querySelector('tbody');
    clear(body);
    const entries = comparison.departements.map((entry) => {
      const total = entry.totals.find((item) => item.measure === measure);
      const rate = entry.rates.find((item) => item.numerator === measure);
      return { entry: entry, total: total, rate: rate };
    });
    entries.sort((a, b) => {
      const left = a.total.masked ? -1 : a.total.value;
      const right = b.total.masked ? -1 : b.total.value;
      return right - left || a.entry.code.localeCompare(b.entry.code);
    });
    // Tied values share a rank; a masked value could be anywhere, so it has none.
    const shown = entries.filter((item) => !item.total.masked).map((item) => item.total.value);
    entries.forEach((item) => {
      const row = document.createElement('tr');
      row.dataset.code = item.entry.code;
      cell(row, 'td', item.total.masked ? NONE : String(1 + shown.filter((value) => value > item.total.value).length), false);
      cell(row, 'th', item.entry.name + ' (' + item.entry.code + ')', false, 'row');
      const value = count(item.total);
      cell(row, 'td', value.text, value.masked).dataset.role = 'valeur';
      const rate = item.rate ? percent(item.rate.percent, item.rate.masked) : { text: NONE, masked: false };
      cell(row, 'td', rate.text, rate.masked).dataset.role = 'taux';
      body.appendChild(row);
    });
  }

  async function load() {
    $('erreur').textContent = '';
    const year = Number($('annee').value);
    say('Chargement des chiffres de ' + year + '…');
    destroyCharts();
    const from = Math.max(year - YEARS_SHOWN + 1, Number($('annee').options[$('annee').options.length - 1].value));
    const series = await api('/api/v1/indicators/series?from=' + from + '&to=' + year);
    const current = series.years[series.years.length - 1];
    let review = null;
    let missionLocale = null;
    let rates = current.rates.map((rate) => Object.assign({}, rate));
    if (series.level === 'DEPARTEMENT') {
      review = await api('/api/v1/progress-reviews/' + encodeURIComponent(series.code) + '/' + year);
      rates = review.lines.filter((line) => line.rate).map((line) => ({
        numerator: line.measure, denominator: line.rate.denominator, percent: line.rate.percent, masked: line.rate.masked,
        national: line.rate.nationalPercent === undefined ? null : line.rate.nationalPercent, nationalMasked: line.rate.nationalMasked
      }));
    } else if (series.level === 'NATION') {
      rates.forEach((rate) => {
        rate.national = rate.percent === undefined ? null : rate.percent;
        rate.nationalMasked = rate.masked;
      });
    } else if (series.level === 'MISSION_LOCALE') {
      missionLocale = await api('/api/v1/missions-locales/' + encodeURIComponent(series.code)).catch(() => null);
    }
    state = { year: year, from: from, series: series, review: review, comparison: null };
    $('perimetre').textContent = scopeName(series, review, missionLocale);
    $('vue').textContent = series.view === 'EXACT' ? '(chiffres exacts)' : '(chiffres masqués par le secret statistique)';
    renderSeries(series);
    renderRates(rates);
    renderTerritorial(current);
    $('telechargements-bilan').hidden = series.level !== 'DEPARTEMENT';
    const national = series.level === 'NATION';
    $('section-classement').hidden = !national;
    if (national) {
      state.comparison = await api('/api/v1/indicators/departements?year=' + year);
      renderRanking();
    }
    $('session').hidden = false;
    $('formulaire-jeton').hidden = true;
    $('resultats').hidden = false;
    say('Chiffres de ' + year + ' affichés pour le périmètre ' + $('perimetre').textContent + '.');
    document.body.dataset.charge = String(year);
  }

  /** Loads the figures; true when shown, false when the error is said instead. */
  async function show() {
    try {
      await load();
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        disconnect();
      }
      say('');
      fail(explain(error));
      return false;
    }
  }

  function disconnect() {
    sessionStorage.removeItem(TOKEN_KEY);
    destroyCharts();
    state = null;
    delete document.body.dataset.charge;
    $('resultats').hidden = true;
    $('session').hidden = true;
    $('formulaire-jeton').hidden = false;
    $('jeton').value = '';
  }

  async function download(path, accept, filename) {
    try {
      const blob = await api(path, accept);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      say('Téléchargement de ' + filename + '.');
    } catch (error) {
      fail(explain(error));
    }
  }

  function start() {
    document.querySelectorAll('#libelles li').forEach((item) => {
      labels[item.dataset.mesure] = item.textContent;
      sections[item.dataset.mesure] = item.dataset.section;
      indicators[item.dataset.mesure] = item.dataset.indicateur;
    });
    const ranking = $('mesure-classement');
    document.querySelectorAll('#libelles li').forEach((item) => {
      if (item.dataset.mesure !== 'FIRST_CONTACT_DELAY') {
        const option = text(document.createElement('option'), labels[item.dataset.mesure]);
        option.value = item.dataset.mesure;
        ranking.appendChild(option);
      }
    });
    $('formulaire-jeton').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = $('jeton').value.trim().replace(/^Bearer\s+/i, '');
      if (!value) {
        fail('Collez un jeton d\'accès.');
        $('jeton').focus();
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, value);
      $('jeton').value = '';
      show().then((shown) => (shown ? $('titre-indicateurs') : $('jeton')).focus());
    });
    $('deconnecter').addEventListener('click', () => {
      disconnect();
      say('Déconnecté : le jeton a été effacé de cet onglet.');
      $('jeton').focus();
    });
    $('annee').addEventListener('change', show);
    ranking.addEventListener('change', renderRanking);
    $('csv-series').addEventListener('click', () => download('/api/v1/indicators/series?from=' + state.from + '&to=' + state.year,
      'text/csv', 'indicateurs-' + state.from + '-' + state.year + '.csv'));
    $('csv-bilan').addEventListener('click', () => download('/api/v1/progress-reviews/' + encodeURIComponent(state.series.code) + '/'
      + state.year, 'text/csv', 'bilan-' + state.series.code + '-' + state.year + '.csv'));
    $('pdf-bilan').addEventListener('click', () => download('/api/v1/progress-reviews/' + encodeURIComponent(state.series.code) + '/'
      + state.year, 'application/pdf', 'bilan-' + state.series.code + '-' + state.year + '.pdf'));
    $('csv-classement').addEventListener('click', () => download('/api/v1/indicators/departements?year=' + state.year, 'text/csv',
      'classement-' + state.year + '.csv'));
    $('titre-indicateurs').tabIndex = -1;
    if (token()) {
      show();
    }
  }

  document.addEventListener('DOMContentLoaded', start);
}());
