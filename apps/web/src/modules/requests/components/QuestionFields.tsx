import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n';

/** A category's form question (Open311 attribute types), as the catalogue defines it. */
export interface CategoryQuestion {
  code: string;
  label: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  values?: { key: string; name: string }[] | null | undefined;
}

type AttributeValue = string | number | boolean | string[];

/** The form's answers → the API's attributes: dates as ISO text, empty answers left out. */
export function attributesOut(
  questions: readonly CategoryQuestion[],
  answers: Record<string, unknown> | undefined,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const q of questions) {
    const v = answers?.[q.code];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && !v.length) continue;
    if (q.datatype === 'datetime' && dayjs.isDayjs(v)) out[q.code] = v.toISOString();
    else if (typeof v === 'string') out[q.code] = v.trim();
    else out[q.code] = v as AttributeValue;
  }
  return out;
}

/** A request's attributes as text, by the category's questions (list keys shown by their names). */
export function attributeText(q: CategoryQuestion | undefined, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  const name = (key: unknown) => q?.values?.find((x) => x.key === key)?.name ?? String(key);
  if (Array.isArray(v)) return v.map(name).join('、');
  if (q?.datatype === 'datetime' && typeof v === 'string') {
    const d = dayjs(v);
    return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : v;
  }
  if (q?.values?.length) return name(v);
  return String(v);
}

/**
 * The category's typed questions as form fields under `attributes.<code>`: text, number, date and time, long text,
 * one choice (radio buttons, a select past 6 choices) or several (checkboxes).
 */
export function QuestionFields({ questions, large }: { questions: readonly CategoryQuestion[]; large?: boolean }) {
  const { fieldText } = useI18n();
  return (
    <>
      {questions.map((q) => {
        const name = ['attributes', q.code];
        const message = fieldText('field.required') ?? '';
        // Several choices sit in a plain group, which may not carry aria-required: a validator says "required".
        const rules = !q.required
          ? []
          : q.datatype === 'multivaluelist'
            ? [
                {
                  validator: (_: unknown, v: unknown) =>
                    Array.isArray(v) && v.length ? Promise.resolve() : Promise.reject(new Error(message)),
                },
              ]
            : [{ required: true, message }];
        const testId = `q-${q.code}`;
        const values = q.values ?? [];
        let input;
        switch (q.datatype) {
          case 'number':
            input = <InputNumber style={{ width: '100%' }} data-testid={testId} />;
            break;
          case 'datetime':
            input = (
              <DatePicker showTime={{ format: 'HH:mm' }} inputReadOnly style={{ width: '100%' }} data-testid={testId} />
            );
            break;
          case 'text':
            input = <Input.TextArea rows={3} maxLength={2000} data-testid={testId} />;
            break;
          case 'singlevaluelist':
            input =
              values.length > 6 ? (
                <Select options={values.map((v) => ({ value: v.key, label: v.name }))} data-testid={testId} />
              ) : (
                // A radiogroup role lets the field carry aria-required (axe: aria-allowed-attr).
                <Radio.Group data-testid={testId} role="radiogroup" aria-label={q.label}>
                  <Space direction={large ? 'vertical' : 'horizontal'} wrap>
                    {values.map((v) => (
                      <Radio key={v.key} value={v.key}>
                        {v.name}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              );
            break;
          case 'multivaluelist':
            input = (
              <Checkbox.Group data-testid={testId} role="group" aria-label={q.label}>
                <Space direction={large ? 'vertical' : 'horizontal'} wrap>
                  {values.map((v) => (
                    <Checkbox key={v.key} value={v.key}>
                      {v.name}
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            );
            break;
          default:
            input = <Input maxLength={2000} data-testid={testId} />;
        }
        return (
          <Form.Item key={q.code} name={name} label={q.label} rules={rules}>
            {input}
          </Form.Item>
        );
      })}
    </>
  );
}
