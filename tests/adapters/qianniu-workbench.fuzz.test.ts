import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture } from '../helpers';

const H = 'https://h5api.m.taobao.com/h5/';
const report = JSON.parse(fixture('qianniu-workbench', 'server-report.json'));
const CASES = [
  ['to-dos', `${H}mtop.qianniu.workbench.todolist.query/1.0/?v=1.0`, JSON.parse(fixture('qianniu-workbench', 'todo-list.json'))],
  ['真实体验分 (string result)', `${H}mtop.tmall.voc.serverreport.query/1.0/?v=1.0`, report],
  ['真实体验分 (object blocks)', `${H}mtop.tmall.voc.serverreport.query/1.0/?v=1.0`, { ...report, data: JSON.parse(report.data.result) }],
] as const;

describe('qianniu-workbench fuzz: 10,000 mutated payloads per shape, no throw, nothing invalid', () => {
  it.each(CASES)(
    '%s',
    (_n, url, payload) => {
      let i = 0;
      for (const text of mutatedTexts(payload, 10_000, url.length + i)) {
        expectValidResult(processCapture(captureMsg(url, text), []));
        i++;
      }
      if (i !== 10_000) throw new Error('not all mutations ran');
    },
    120_000,
  );
});
