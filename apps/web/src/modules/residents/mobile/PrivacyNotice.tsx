import { Collapse, Typography } from 'antd';
import { PRIVACY_NOTICE } from '@linli/contracts/modules/residents';
import { useI18n } from '../../../i18n';
import { useResidentsWords } from '../words';

/** The privacy notice of the version the sign-up records (packages/contracts/src/modules/residents.ts). */
export function PrivacyNoticeText() {
  const w = useResidentsWords();
  const { lang } = useI18n();
  const lines = lang === 'en' ? PRIVACY_NOTICE.en : PRIVACY_NOTICE.zh;
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'notice',
          label: `${w.consentTitle} (${PRIVACY_NOTICE.version})`,
          children: lines.map((line) => (
            <Typography.Paragraph key={line} style={{ marginBottom: 8 }}>
              {line}
            </Typography.Paragraph>
          )),
        },
      ]}
      data-testid="m-privacy-notice"
    />
  );
}
