import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bigLedgerFile, inlineRow, xlsxFile } from '../../../../test/factories/xlsx';
import {
  LEDGER_HEADINGS,
  LedgerLimitError,
  guardFormula,
  readLedger,
  stripFormulaGuard,
  writeLedger,
} from './ledger-format';

const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`;

async function limitOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerLimitError) return error.limit;
    throw error;
  }
  return 'none';
}

describe('readLedger (streaming reader)', () => {
  it('reads shared, inline, rich and formula strings, numbers, booleans and date cells as the ExcelJS reader did', async () => {
    const shared = [
      '<si><t>一号社区</t></si>', // 0
      '<si><t>５１０１０７１９４５０３０２００２Ｘ</t></si>', // 1: full-width ID number
      '<si><r><rPr><b/></rPr><t>红</t></r><rPh sb="0" eb="1"><t>hong</t></rPh></si>', // 2: rich text with a phonetic guide
      '<si><t xml:space="preserve">  王秀英 </t></si>', // 3
    ].join('');
    const sheetData = [
      inlineRow(1, ['洗面桥社区台账（2026 年 3 月）']),
      '<row r="2"/>',
      inlineRow(3, ['备注', '姓 名', '身份证号', '出生日期', '联系电话', '所属社区', '照护等级', '性别']),
      `<row r="4"><c r="B4" t="s"><v>3</v></c><c r="C4" t="s"><v>1</v></c><c r="D4" s="1"><v>${serial('1945-03-02')}</v></c><c r="E4"><v>13812345678</v></c><c r="F4" t="s"><v>0</v></c><c r="G4" t="s"><v>2</v></c><c r="H4" t="inlineStr"><is><t>女</t></is></c></row>`,
      `<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="str"><f>"刘"&amp;"建国"</f><v>刘建国</v></c><c r="D5" s="2"><v>${serial('1950-07-08')}</v></c><c r="F5" t="s"><v>0</v></c></row>`,
      '<row r="6"><c r="A6" s="1"/><c r="B6" t="inlineStr"><is><t>  </t></is></c></row>',
      `<row><c t="inlineStr"><is><t>空 r 属性</t></is></c><c t="inlineStr"><is><r><t>赵</t></r><r><t>德福</t></r></is></c><c><v>110105194912310020</v></c><c s="3"><v>18452</v></c></row>`,
      `<row r="8"><c r="A8" t="inlineStr"><is><t>a_x000D_b</t></is></c><c r="B8" t="inlineStr"><is><t>'=HYPERLINK(1)</t></is></c><c r="D8" t="d"><v>1960-01-02T00:00:00Z</v></c></row>`,
    ].join('');
    const { rows, missingHeadings } = await readLedger(xlsxFile({ sheetData, sharedStrings: shared, styles: STYLES }));
    expect(missingHeadings).toEqual([]);
    expect(rows.map((r) => r.rowNumber)).toEqual([4, 5, 7, 8]);
    expect(rows[0]!.cells).toEqual({
      姓名: '王秀英',
      身份证号: '51010719450302002X',
      出生日期: '1945-03-02',
      联系电话: '13812345678',
      所属社区: '一号社区',
      照护等级: '红',
      性别: '女',
    });
    expect(rows[1]!.cells).toEqual({ 备注: 'true', 姓名: '刘建国', 出生日期: '1950-07-08', 所属社区: '一号社区' });
    expect(rows[2]).toEqual({
      rowNumber: 7,
      cells: { 备注: '空 r 属性', 姓名: '赵德福', 出生日期: '1950-07-08' },
      cellProblems: [{ column: '身份证号', code: 'care.ledger_id_as_number' }],
    });
    expect(rows[3]!.cells).toEqual({ 备注: 'a\rb', 姓名: '=HYPERLINK(1)', 出生日期: '1960-01-02' });
  });

  it('handles the 1904 date system, namespace prefixes, a heading below row 20 and merged cells', async () => {
    const dates = await readLedger(
      xlsxFile({
        date1904: true,
        styles: STYLES,
        sheetData:
          inlineRow(1, ['姓名', '出生日期', '所属社区']) +
          `<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2" s="1"><v>${serial('1950-07-08') - 1462}</v></c></row>`,
      }),
    );
    expect(dates.rows[0]!.cells).toEqual({ 姓名: '甲', 出生日期: '1950-07-08' });

    const prefixed = await readLedger(
      xlsxFile({
        prefix: 'x:',
        sheetData: inlineRow(1, ['姓名', '性别', '所属社区']) + inlineRow(2, ['乙', '男', '一号社区']),
      }),
    );
    expect(prefixed.rows).toEqual([
      { rowNumber: 2, cells: { 姓名: '乙', 性别: '男', 所属社区: '一号社区' }, cellProblems: [] },
    ]);

    const low =
      Array.from({ length: 20 }, (_, i) => inlineRow(i + 1, [`标题 ${i}`])).join('') +
      inlineRow(21, ['姓名', '性别', '所属社区']) +
      inlineRow(22, ['丙', '女', '一号社区']);
    expect((await readLedger(xlsxFile({ sheetData: low }))).missingHeadings).toEqual(['姓名']);

    // 所属社区 merged down B2:B5 (row 5 has nothing else, and gets the community as in Excel); the title merge above is left alone.
    const merged = await readLedger(
      xlsxFile({
        sheetData:
          inlineRow(1, ['姓名', '所属社区', '性别']) +
          inlineRow(2, ['丁', '一号社区', '男']) +
          inlineRow(3, ['戊', null, '女']) +
          inlineRow(4, ['己']),
        afterSheetData: '<mergeCells count="2"><mergeCell ref="B2:B5"/><mergeCell ref="A1:A2"/></mergeCells>',
      }),
    );
    expect(merged.rows.map((r) => [r.rowNumber, r.cells.姓名, r.cells.所属社区])).toEqual([
      [2, '丁', '一号社区'],
      [3, '戊', '一号社区'],
      [4, '己', '一号社区'],
      [5, undefined, '一号社区'],
    ]);
  });

  it('keeps Chinese text intact across the decoder’s chunk boundaries (exceljs#2063)', async () => {
    const names = Array.from(
      { length: 30_000 },
      (_, i) => '王李张刘陈杨黄赵吴周'[i % 10]! + '秀英桂兰玉珍建国德福'.slice(i % 9, (i % 9) + 2),
    );
    const sheetData =
      inlineRow(1, ['姓名', '家庭住址', '所属社区']) +
      names.map((n, i) => inlineRow(i + 2, [n, `武侯区洗面桥街${i}号院`, '一号社区'])).join('');
    const { rows } = await readLedger(xlsxFile({ sheetData }));
    expect(rows).toHaveLength(30_000);
    expect(rows.map((r) => r.cells.姓名)).toEqual(names);
    expect(rows.some((r) => JSON.stringify(r).includes('\uFFFD'))).toBe(false);
  });

  it('stops at the row cap, the time budget, a zip bomb, a lying zip header and an endless value', async () => {
    const three =
      inlineRow(1, ['姓名', '性别', '所属社区']) +
      [2, 3, 4].map((r) => inlineRow(r, [`人${r}`, '男', '一号社区'])).join('');
    expect((await readLedger(xlsxFile({ sheetData: three }), { maxRows: 3, timeoutMs: 10_000 })).rows).toHaveLength(3);
    expect(
      await limitOf(
        readLedger(xlsxFile({ sheetData: three + inlineRow(5, ['人5']) }), { maxRows: 3, timeoutMs: 10_000 }),
      ),
    ).toBe('rows');

    const big = bigLedgerFile(300_000, '一号社区');
    expect(await limitOf(readLedger(big, { maxRows: 1_000_000, timeoutMs: 20 }))).toBe('time');

    const started = performance.now();
    expect(await limitOf(readLedger(xlsxFile({ sheetData: three, declaredSheetSize: 0xffff_fff0 })))).toBe('size');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await limitOf(readLedger(xlsxFile({ sheetData: three.repeat(50), declaredSheetSize: 200 })))).toBe('size');
    expect(
      await limitOf(readLedger(xlsxFile({ sheetData: three + inlineRow(5, ['a'.repeat(2 * 1024 * 1024)]) }))),
    ).toBe('size');
    await expect(readLedger(Buffer.from('not a zip at all'))).rejects.not.toBeInstanceOf(LedgerLimitError);
  });
});

describe('formula injection guard (F13)', () => {
  it('guards text a spreadsheet would run as a formula, and takes exactly one guard off on import', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+86 138', '-1', '@SUM(A1)', '\tx', '\rx', '＝1+1']) {
      expect(guardFormula(text)).toBe(`'${text}`);
      expect(stripFormulaGuard(guardFormula(text))).toBe(text);
    }
    for (const text of ['王秀英', "'quoted", '1945-03-02', '']) expect(guardFormula(text)).toBe(text);
    expect(stripFormulaGuard("''=1")).toBe("''=1");
  });

  it('exports guarded text cells, and an exported file reads back without the guard', async () => {
    const cells = Object.fromEntries(LEDGER_HEADINGS.map((h) => [h, ''])) as Record<
      (typeof LEDGER_HEADINGS)[number],
      string
    >;
    Object.assign(cells, {
      姓名: '王秀英',
      家庭住址: '=HYPERLINK("http://evil.example","点我")',
      备注: '+86 13812345678',
      紧急联系人: '-王',
      残疾类别: '@SUM(A1)',
      所属社区: '一号社区',
    });
    const file = await writeLedger([{ cells }], '台账', 'test');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(3);
    const cell = (h: (typeof LEDGER_HEADINGS)[number]) => row.getCell(LEDGER_HEADINGS.indexOf(h) + 1);
    expect(cell('家庭住址').value).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(cell('家庭住址').type).toBe(ExcelJS.ValueType.String);
    expect([cell('备注').value, cell('紧急联系人').value, cell('残疾类别').value, cell('姓名').value]).toEqual([
      "'+86 13812345678",
      "'-王",
      "'@SUM(A1)",
      '王秀英',
    ]);
    const back = (await readLedger(file)).rows[0]!.cells;
    expect(back).toMatchObject({
      姓名: '王秀英',
      家庭住址: cells.家庭住址,
      备注: cells.备注,
      紧急联系人: '-王',
      残疾类别: '@SUM(A1)',
    });
  });

  it('formats every exported data cell and column as text (ID numbers stay exact when the file is edited)', async () => {
    const row = (name: string, id: string) =>
      ({
        cells: Object.fromEntries(
          LEDGER_HEADINGS.map((h) => [
            h,
            h === '姓名' ? name : h === '身份证号' ? id : h === '联系电话' ? '13800000000' : '',
          ]),
        ),
      }) as Parameters<typeof writeLedger>[0][number];
    const file = await writeLedger(
      [row('王秀英', '11010519491231002X'), row('李强', '110105194912310038')],
      '台账',
      'test',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    for (const r of [3, 4])
      for (const h of ['姓名', '身份证号', '联系电话'] as const) {
        const cell = sheet.getRow(r).getCell(LEDGER_HEADINGS.indexOf(h) + 1);
        expect(cell.numFmt, `row ${r} ${h}`).toBe('@');
        expect(cell.type).toBe(ExcelJS.ValueType.String);
      }
    expect(sheet.getRow(4).getCell(LEDGER_HEADINGS.indexOf('身份证号') + 1).value).toBe('110105194912310038');
    expect(sheet.getColumn(LEDGER_HEADINGS.indexOf('身份证号') + 1).numFmt).toBe('@');
  });
});
