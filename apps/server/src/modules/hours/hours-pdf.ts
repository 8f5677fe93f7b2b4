// The service certificate (志愿服务记录证明) as a PDF, after the model of 民发〔2015〕149号: identity, service period,
// hours and content, issuing organisation, person in charge, handler, contact, number, date, and the verification
// code with the public page's address. The font is Noto Sans Hans (GB2312 set) from the npm package
// @embedpdf/fonts-sc; pdfkit embeds only the glyphs the certificate uses.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
let fontDir: string | null = null;
function font(name: 'Regular' | 'Bold'): string {
  fontDir ??= path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return path.join(fontDir, `NotoSansHans-${name}.otf`);
}

export interface CertificatePdfInput {
  number: string;
  name: string;
  idTypeLabel: string;
  idNumberMasked: string;
  periodFrom: string;
  periodTo: string;
  totalHours: string;
  entryCount: number;
  content: string;
  issuerName: string;
  personInCharge: string;
  handlerName: string;
  contactPhone: string;
  issuedOn: string;
  verificationCode: string;
  verifyUrl: string;
  revoked: boolean;
}

const cn = (date: string) => {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export function renderCertificatePdf(c: CertificatePdfInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 72, right: 72 },
      info: { Title: `志愿服务记录证明 ${c.number}`, Author: c.issuerName, Subject: '志愿服务记录证明' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font('Regular'));
    doc.registerFont('cjk-bold', font('Bold'));

    doc.font('cjk').fontSize(10).text(`证明编号：${c.number}`, { align: 'right' });
    doc.moveDown(1.5);
    doc.font('cjk-bold').fontSize(22).text('志愿服务记录证明', { align: 'center' });
    if (c.revoked)
      doc.moveDown(0.3).font('cjk-bold').fontSize(14).fillColor('#c00').text('（已作废）', { align: 'center' });
    doc.fillColor('#000').moveDown(1.5);
    doc
      .font('cjk')
      .fontSize(13)
      .text(
        `兹证明 ${c.name}（${c.idTypeLabel}：${c.idNumberMasked}）于 ${cn(c.periodFrom)} 至 ${cn(c.periodTo)} ` +
          `期间参加志愿服务，经本组织记录，累计志愿服务时长 ${c.totalHours} 小时（共 ${c.entryCount} 条记录）。`,
        { lineGap: 6, indent: 26 },
      );
    doc.moveDown(1);
    doc.font('cjk-bold').fontSize(13).text('主要服务内容：');
    doc.font('cjk').fontSize(12).text(c.content, { lineGap: 4, indent: 26 });
    doc.moveDown(1);
    doc
      .font('cjk')
      .fontSize(12)
      .text(
        '特此证明。本证明依据《志愿服务记录与证明出具办法（试行）》（民政部令第67号）出具，记录真实、准确、完整。',
        {
          lineGap: 4,
          indent: 26,
        },
      );
    doc.moveDown(2);
    const rows: [string, string][] = [
      ['出具组织', c.issuerName],
      ['负责人', c.personInCharge],
      ['经办人', c.handlerName],
      ['联系电话', c.contactPhone],
      ['出具日期', cn(c.issuedOn)],
    ];
    for (const [k, v] of rows) doc.font('cjk').fontSize(12).text(`${k}：${v}`, { align: 'right' });
    doc.moveDown(2);
    doc.font('cjk-bold').fontSize(12).text(`验证码：${c.verificationCode}`);
    doc.font('cjk').fontSize(10).text(`任何人可在 ${c.verifyUrl} 核验本证明的真伪。`);
    doc.end();
  });
}
