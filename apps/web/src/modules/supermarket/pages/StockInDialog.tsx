import { Form, Input, InputNumber, Select } from 'antd';
import { DONOR_KINDS, StockInInput, type DonorKind, type SupermarketItem } from '@linli/contracts/modules/supermarket';
import { FormModal } from '../../../components/FormModal';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { OrganisationSelect } from '../../partners';
import { useStockIn } from '../api';
import { useSupermarketWords } from '../words';

type Values = Omit<StockInInput, 'itemId'>;

/**
 * 捐赠入库: an in-kind donation of one item, with its source (person, organisation — optionally one of the partner
 * register, picked by name — or anonymous) and fund reference.
 */
export function StockInDialog({ item, onClose }: { item: SupermarketItem; onClose: () => void }) {
  const w = useSupermarketWords();
  const [form] = Form.useForm<Values>();
  const stockIn = useStockIn({ form, success: 'app.done' });
  const { rules, validate } = useSchemaForm();
  const kind = Form.useWatch('donorKind', form) as DonorKind | undefined;
  const shape = StockInInput.shape;
  return (
    <FormModal
      title={`${w.stockIn}：${item.name}`}
      form={form}
      initialValues={{ donorKind: 'person' }}
      onSubmit={(values) => {
        // Only an organisation donor names one of the register (the server refuses it otherwise).
        const organisationId = values.donorKind === 'organisation' ? values.organisationId || undefined : undefined;
        const input = validate(form, StockInInput, { ...values, organisationId, itemId: item.id });
        return input ? stockIn.mutateAsync(input).then(onClose) : undefined;
      }}
      onClose={onClose}
      error={stockIn.alertError}
      okTestId="stock-in-ok"
    >
      <Form.Item
        name="quantity"
        label={`${w.quantity}（${item.unit}）`}
        rules={rules(shape.quantity, { required: true })}
      >
        <InputNumber data-testid="stock-in-quantity" min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="donorKind" label={w.donorKind} rules={rules(shape.donorKind, { required: true })}>
        <Select
          data-testid="stock-in-donor-kind"
          options={DONOR_KINDS.map((k) => ({ value: k, label: w.enums.donor[k] }))}
        />
      </Form.Item>
      {kind === 'organisation' ? (
        <Form.Item name="organisationId" label={w.organisationId} extra={w.organisationHint}>
          <OrganisationSelect testId="stock-in-organisation" ariaLabel={w.organisationId} />
        </Form.Item>
      ) : null}
      {kind !== 'anonymous' ? (
        <Form.Item name="donorName" label={w.donorName} rules={rules(shape.donorName)}>
          <Input data-testid="stock-in-donor-name" maxLength={schemaLimits(shape.donorName).max} />
        </Form.Item>
      ) : null}
      <Form.Item name="fundReference" label={w.fundReference} rules={rules(shape.fundReference)}>
        <Input data-testid="stock-in-fund" maxLength={schemaLimits(shape.fundReference).max} />
      </Form.Item>
      <Form.Item name="note" label={w.note} rules={rules(shape.note)}>
        <Input data-testid="stock-in-note" maxLength={schemaLimits(shape.note).max} />
      </Form.Item>
    </FormModal>
  );
}
