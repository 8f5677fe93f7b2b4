import { Button, Card, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { QUESTION_DATATYPES, type QuestionDatatype } from '@linli/contracts/modules/requests';
import { DATATYPE_WORDS, useCatalogueWords } from '../words';

const LISTS: readonly QuestionDatatype[] = ['singlevaluelist', 'multivaluelist'];

/** The options of one list question: code and name per option. */
function OptionList({ question }: { question: number }) {
  const w = useCatalogueWords();
  return (
    <Form.List name={[question, 'values']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{w.options}</Typography.Text>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} wrap align="start">
              <Form.Item name={[field.name, 'key']} noStyle rules={[{ required: true, message: w.optionKey }]}>
                <Input aria-label={w.optionKey} placeholder={w.optionKey} maxLength={40} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'name']} noStyle rules={[{ required: true, message: w.optionName }]}>
                <Input
                  aria-label={w.optionName}
                  placeholder={w.optionName}
                  maxLength={40}
                  style={{ flex: '1 1 140px' }}
                />
              </Form.Item>
              <Button aria-label={w.remove} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({ key: '', name: '' })}>
            {w.addOption}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** One question: code, wording, datatype, required, and options for the list types. */
function QuestionCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const w = useCatalogueWords();
  const form = Form.useFormInstance();
  const datatype = Form.useWatch(['questions', index, 'datatype'], form) as QuestionDatatype | undefined;
  return (
    <Card size="small" data-testid={`question-${index}`}>
      <Flex gap={8} wrap>
        <Form.Item
          name={[index, 'label']}
          label={w.questionLabel}
          rules={[{ required: true }]}
          style={{ flex: '2 1 200px' }}
        >
          <Input maxLength={60} data-testid={`question-${index}-label`} />
        </Form.Item>
        <Form.Item
          name={[index, 'code']}
          label={w.questionCode}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/ }]}
          style={{ flex: '1 1 120px' }}
        >
          <Input maxLength={40} data-testid={`question-${index}-code`} />
        </Form.Item>
        <Form.Item
          name={[index, 'datatype']}
          label={w.datatype}
          rules={[{ required: true }]}
          style={{ flex: '1 1 120px' }}
        >
          <Select
            data-testid={`question-${index}-datatype`}
            options={QUESTION_DATATYPES.map((d) => ({ value: d, label: w.say(DATATYPE_WORDS[d]) }))}
          />
        </Form.Item>
        <Form.Item name={[index, 'required']} label={w.required} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      {datatype && LISTS.includes(datatype) ? <OptionList question={index} /> : null}
      <Flex justify="end">
        <Button danger size="small" icon={<DeleteOutlined />} onClick={onRemove}>
          {w.remove}
        </Button>
      </Flex>
    </Card>
  );
}

/** The category's form questions (Open311 attributes), built one card per question. */
export function QuestionBuilder() {
  const w = useCatalogueWords();
  return (
    <Form.Item label={w.questions} extra={w.questionsHelp}>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <QuestionCard key={field.key} index={field.name} onRemove={() => remove(field.name)} />
            ))}
            <Button
              icon={<PlusOutlined />}
              data-testid="question-add"
              onClick={() => add({ code: `q${fields.length + 1}`, label: '', datatype: 'string', required: false })}
            >
              {w.addQuestion}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
