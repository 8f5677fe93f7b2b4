import { Checkbox, Form } from 'antd';
import { useI18n } from '../../../../i18n';
import { useClient } from '../../clients/api';
import { useHousehold } from '../api';

/**
 * "Also seen in this visit": the other members of the visited client's household. A household visit then counts
 * for each member ticked (server: `membersSeen`). Renders nothing when the client has no household.
 */
export function HouseholdMembersField({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const client = useClient(clientId);
  const household = useHousehold(client.data?.householdId);
  const others = (household.data?.members ?? []).filter((m) => m.id !== clientId);
  if (others.length === 0) return null;
  return (
    <Form.Item name="membersSeen" label={t('care.household.membersSeen')} extra={t('care.household.membersSeenHelp')}>
      <Checkbox.Group options={others.map((m) => ({ value: m.id, label: m.name }))} data-testid="record-members-seen" />
    </Form.Item>
  );
}
