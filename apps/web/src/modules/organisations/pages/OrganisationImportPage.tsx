import { Flex, Typography } from 'antd';
import { CheckThenImport } from '../../../components/ExcelImport';
import { PageHeader } from '../../../components/PageHeader';
import { downloadImportErrors, useImportOrganisations } from '../api';
import { useOrganisationsWords } from '../words';

/** Excel import of the register: check first (a dry run), then import; nothing is written while a row has an error. */
export default function OrganisationImportPage() {
  const w = useOrganisationsWords();
  const importer = useImportOrganisations();
  return (
    <>
      <PageHeader title={w.importTitle} />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <CheckThenImport
          importer={importer}
          testIdPrefix="organisations"
          checkLabel={w.check}
          importLabel={w.doImport}
          onDownloadErrors={downloadImportErrors}
          help={<Typography.Paragraph type="secondary">{w.importHelp}</Typography.Paragraph>}
        />
      </Flex>
    </>
  );
}
