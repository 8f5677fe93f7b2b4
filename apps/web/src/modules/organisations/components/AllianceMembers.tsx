import { Button, Flex, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { PACT_CONTENT_TYPES, type AllianceDetail } from '@linli/contracts/modules/organisations';
import { can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { downloadPact, useUploadPact } from '../api';
import { useOrganisationsWords } from '../words';

type Member = AllianceDetail['members'][number];

/** Members with their join date and pact (公约): upload (PDF/JPEG/PNG, at most 5 MB) and download. */
export function AllianceMembers({ alliance }: { alliance: AllianceDetail }) {
  const w = useOrganisationsWords();
  const upload = useUploadPact({ success: 'app.done' });
  const manage = can(alliance.allowedActions, 'manage');
  const columns: DataColumn<Member>[] = [
    { key: 'name', title: w.organisation, card: 'title', render: (m) => m.organisationName },
    { key: 'joined', title: w.joinedOn, render: (m) => m.joinedOn },
    { key: 'signed', title: w.pactSignedOn, render: (m) => m.pactSignedOn ?? '—' },
    {
      key: 'pact',
      title: w.pact,
      card: 'actions',
      render: (m) => (
        <Flex gap={8} wrap>
          {m.pact ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => void downloadPact(m.id, '*/*')}
              data-testid={`pact-download-${m.id}`}
            >
              {w.downloadPact}
            </Button>
          ) : null}
          {manage ? (
            <Upload
              accept={PACT_CONTENT_TYPES.join(',')}
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate({ memberId: m.id, file });
                return false;
              }}
            >
              <Button
                size="small"
                icon={<UploadOutlined />}
                loading={upload.isPending}
                data-testid={`pact-upload-${m.id}`}
              >
                {w.uploadPact}
              </Button>
            </Upload>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <ErrorAlert error={upload.error} />
      <DataTable<Member>
        testId="alliance-members"
        rowKey={(m) => m.id}
        columns={columns}
        items={alliance.members}
        empty={w.noneYet}
        paging={false}
      />
    </>
  );
}
