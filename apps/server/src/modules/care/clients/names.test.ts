import { describe, expect, it } from 'vitest';
import { nameSearchKeys } from './names';

describe('pinyin search keys', () => {
  it.each([
    ['张三丰', 'zhangsanfeng', 'zsf'],
    ['单田芳', 'shantianfang', 'stf'],
    ['曾国藩', 'zengguofan', 'zgf'],
    ['吕小平', 'lvxiaoping', 'lxp'],
    ['阿依古丽·买买提', 'ayiguli' + 'maimaiti', 'aygl' + 'mmt'],
  ])('%s → %s / %s', (name, full, initials) => {
    expect(nameSearchKeys(name)).toEqual({ pinyin: full, initials });
  });
});
