/* sycm 服务 → 客服绩效 SPA (sandbox). KPIs through the mtop gateway (XHR, type=originaljson, like lib-mtop's
 * H5Request), csp lists with fetch. Inlined into the page and invoked as sandboxService(BOOT). */
// biome-ignore lint/correctness/noUnusedVariables: invoked by the inline bootstrap that service.ts appends.
function sandboxService(BOOT) {
  var state = { date: BOOT.date, seq: 0 };
  var $ = (sel) => document.querySelector(sel);
  var ymd = (d) => d.replace(/-/g, '');

  function mtop(data) {
    var dataText = JSON.stringify(data);
    var t = Date.now();
    var q = `jsv=2.6.1&appKey=12574478&t=${t}&sign=${(t % 1e9).toString(16).padStart(32, '0')}&api=mtop.alibaba.sycm.domain.onequery&v=1.0&type=originaljson&dataType=json&timeout=20000&data=${encodeURIComponent(dataText)}`;
    return new Promise((resolve, reject) => {
      var x = new XMLHttpRequest();
      x.open('GET', `https://h5api.m.taobao.com/h5/mtop.alibaba.sycm.domain.onequery/1.0/?${q}`);
      x.withCredentials = true;
      x.onload = () => {
        try {
          const body = JSON.parse(x.responseText);
          if (!(body.ret || []).some((r) => String(r).indexOf('SUCCESS') === 0)) return reject(new Error(String(body.ret)));
          resolve(body.data);
        } catch (e) {
          reject(e);
        }
      };
      x.onerror = () => reject(new Error('network'));
      x.send();
    });
  }

  function csp(path, date, extra) {
    var q = `startDate=${ymd(date)}&endDate=${ymd(date)}&dateType=day&dateRange=day&${extra}&pageNo=1&pageSize=20&token=${encodeURIComponent(BOOT.token)}&_=${Date.now()}`;
    return fetch(`/csp/api/${path}.json?${q}`, { credentials: 'include' })
      .then((r) => r.json())
      .then((b) => {
        if (b.code !== 0 || !b.success) throw new Error(b.message || `code ${b.code}`);
        return b.data;
      });
  }

  function val(v) {
    return v && typeof v === 'object' ? v.value : v;
  }

  function fmt(code, v) {
    if (typeof v !== 'number') return '-';
    if (/Rate|Ratio/.test(code)) return `${(v * 100).toFixed(2)}%`;
    if (/Gmv/.test(code)) return `¥${v.toFixed(2)}`;
    return String(v);
  }

  function load(date) {
    var seq = ++state.seq;
    state.date = date;
    delete document.body.dataset.renderedDate;
    $('#error-banner').classList.remove('show');
    var range = `${date}|${date}`;
    var kpi = mtop({
      domainCode: 'tao.shop.qos.sellerkpi',
      dateType: 'day',
      dateRange: range,
      showType: 'overview',
      device: '0',
      indexCodes:
        'consultUserCnt,customerServiceRecUserCnt,wwConsultPayRate,avgReplyInterval,customerAllSateRate,wwUserReplayRate,customerServiceGmv,customerServiceSaleCnt',
      extMap: JSON.stringify({ greyTag: 'Y', needCycleCrc: true }),
    }).then((d) => {
      var content = d.model.result.content;
      document.querySelectorAll('#kpi-cards .card').forEach((card) => {
        var code = card.dataset.kpi;
        card.querySelector('.value').textContent = fmt(code, val(content[code]));
      });
    });
    var agents = mtop({
      domainCode: 'tao.shop.qos.subaccount',
      dateType: 'day',
      dateRange: range,
      device: '0',
      indexCodes: 'consultUserCnt,consultFinalPayRate,firstReplyInterval,avgReplyInterval',
    }).then((d) => {
      var byNick = {};
      BOOT.agents.forEach((a) => {
        byNick[a.nick] = a;
      });
      var tbody = $('#agents-table tbody');
      tbody.textContent = '';
      d.data.data.forEach((row) => {
        var nick = val(row.accountNickWang);
        var tr = document.createElement('tr');
        tr.dataset.agentId = byNick[nick] ? byNick[nick].id : nick;
        [nick, val(row.consultUserCnt), fmt('Rate', val(row.consultFinalPayRate)), val(row.firstReplyInterval), val(row.avgReplyInterval)].forEach((c) => {
          var td = document.createElement('td');
          td.textContent = c === undefined || c === null ? '-' : String(c);
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
    });
    var lists = [
      ['consultation', 'ww/consultation/detail/list', 'orderBy=consultTime'],
      ['inquiry-loss', 'inquiry/loss/list', 'orderBy=inquiryTime'],
      ['slow', 'slow/rsps/detail/list', 'orderBy=rspsTime'],
      ['refund', 'refund/all/detail/list', 'queryType=caseEnd&orderBy=caseEndTime'],
    ].map(([key, path, extra]) =>
      csp(path, date, extra).then((d) => {
        $(`[data-list="${key}"] .v`).textContent = String(d.count);
      }),
    );
    Promise.all([kpi, agents, ...lists]).then(
      () => {
        if (seq !== state.seq) return;
        $('#stat-date').textContent = date;
        document.body.dataset.renderedDate = date;
      },
      (e) => {
        if (seq !== state.seq) return;
        var b = $('#error-banner');
        b.textContent = `数据加载失败: ${e.message}`;
        b.classList.add('show');
        document.body.dataset.renderedDate = `error:${date}`;
      },
    );
  }

  $('#date-picker').addEventListener('change', (e) => {
    var v = e.target.value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v) && v !== state.date) {
      history.replaceState(null, '', `?dateType=day&dateRange=${v}%7C${v}`);
      load(v);
    }
  });
  load(state.date);
}
