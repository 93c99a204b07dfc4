import { render } from '@testing-library/react';
import { Checkbox, DatePicker, Input, InputNumber, Radio, Rate, Segmented, Select } from 'antd';
import { test } from 'vitest';

test('probe', () => {
  const { container } = render(
    <div>
      <Input data-testid="inp" />
      <Input.TextArea data-testid="ta" />
      <Select data-testid="sel" mode="multiple" options={[{ value: 'a', label: 'A' }]} />
      <DatePicker data-testid="dp" showTime />
      <Radio.Group data-testid="rg" optionType="button" options={[{ value: 'a', label: 'A' }]} />
      <Checkbox.Group data-testid="cg" options={[{ value: 'a', label: 'A' }]} />
      <Checkbox data-testid="cb">x</Checkbox>
      <Rate data-testid="rate" />
      <Segmented data-testid="seg" options={['a', 'b']} />
      <InputNumber data-testid="num" />
    </div>,
  );
  for (const el of container.querySelectorAll('[data-testid]')) console.log(el.getAttribute('data-testid'), el.tagName, el.className.slice(0, 60));
});
