import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hand-built .xlsx files: the parts written as XML strings and zipped here, so a test can make a 300,000-row
 * sheet in a second, use any cell encoding (shared, inline, styled dates, rich text) or lie in the zip headers.
 */

export interface ZipPart {
  name: string;
  data: string | Buffer;
  /** Uncompressed size to write in the headers instead of the real one (a zip bomb's claim, or a lie). */
  declaredSize?: number;
}

export function zipParts(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
    const packed = deflateRawSync(data, { level: constants.Z_BEST_SPEED });
    const name = Buffer.from(part.name, 'utf8');
    const size = part.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 1 → A, 27 → AA. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A row of inline strings (numbers as number cells). */
export function inlineRow(r: number, values: (string | number | null)[]): string {
  const cells = values.map((v, i) => {
    if (v === null || v === '') return '';
    const ref = `${columnName(i + 1)}${r}`;
    return typeof v === 'number'
      ? `<c r="${ref}"><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
  });
  return `<row r="${r}">${cells.join('')}</row>`;
}

export interface XlsxParts {
  /** The inside of <sheetData>. */
  sheetData: string;
  /** Anything after </sheetData> (e.g. <mergeCells>). */
  afterSheetData?: string;
  /** The inside of <sst>, e.g. '<si><t>a</t></si>'. */
  sharedStrings?: string;
  /** The whole styles.xml. */
  styles?: string;
  date1904?: boolean;
  /** Uncompressed size to claim for the sheet part. */
  declaredSheetSize?: number;
  /** Element prefix for the SpreadsheetML namespace ('x:' as some generators write). */
  prefix?: string;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function xlsxFile(p: XlsxParts): Buffer {
  const x = p.prefix ?? '';
  const ns = x ? `xmlns:${x.slice(0, -1)}="${MAIN_NS}"` : `xmlns="${MAIN_NS}"`;
  const rels = [
    `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>`,
    p.styles ? `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` : '',
    p.sharedStrings !== undefined
      ? `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`
      : '',
  ].join('');
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><${x}workbook ${ns} xmlns:r="${REL_NS}">${p.date1904 ? `<${x}workbookPr date1904="1"/>` : ''}<${x}sheets><${x}sheet name="台账" sheetId="1" r:id="rId1"/></${x}sheets></${x}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    },
  ];
  if (p.styles) parts.push({ name: 'xl/styles.xml', data: p.styles });
  if (p.sharedStrings !== undefined)
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">${p.sharedStrings}</sst>`,
    });
  const sheetData = x ? p.sheetData.replace(/<(\/?)(row|c|v|is|t|r)\b/g, `<$1${x}$2`) : p.sheetData;
  parts.push({
    name: 'xl/worksheets/sheet1.xml',
    data: `<?xml version="1.0" encoding="UTF-8"?><${x}worksheet ${ns}><${x}sheetData>${sheetData}</${x}sheetData>${p.afterSheetData ?? ''}</${x}worksheet>`,
    ...(p.declaredSheetSize !== undefined ? { declaredSize: p.declaredSheetSize } : {}),
  });
  return zipParts(parts);
}

/**
 * A ledger of `count` valid-looking data rows (name, sex, community, category) under a heading row, built as one
 * XML string: 300,000 rows take about a second and a few MB zipped.
 */
export function bigLedgerFile(count: number, community: string): Buffer {
  const rows: string[] = [inlineRow(1, ['姓名', '性别', '所属社区', '服务对象类别'])];
  for (let r = 2; r <= count + 1; r++) {
    rows.push(
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>测试${r}</t></is></c><c r="B${r}" t="s"><v>0</v></c><c r="C${r}" t="s"><v>1</v></c><c r="D${r}" t="s"><v>2</v></c></row>`,
    );
  }
  return xlsxFile({
    sheetData: rows.join(''),
    sharedStrings: `<si><t>女</t></si><si><t>${escapeXml(community)}</t></si><si><t>低保</t></si>`,
  });
}
