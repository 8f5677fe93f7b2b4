// The demo's activities (activities-demo.ts): past ones, attended and confirmed, and future ones open for sign-up.
import type { ActivityType } from '@linli/contracts/modules/activities';

export interface DemoActivity {
  title: string;
  type: ActivityType;
  address: string;
  description: string;
  days: number;
  hour: number;
  hours: number;
  roles: { name: string; capacity: number }[];
}

/** One demo activity: [days from today, starting hour, duration in hours] and [role, capacity] pairs. */
function demo(
  title: string,
  type: ActivityType,
  address: string,
  description: string,
  [days, hour, hours]: [number, number, number],
  roles: [string, number][],
): DemoActivity {
  return {
    title,
    type,
    address,
    description,
    days,
    hour,
    hours,
    roles: roles.map(([name, capacity]) => ({ name, capacity })),
  };
}

export const PAST: DemoActivity[] = [
  demo(
    '敬老院重阳探访',
    'elderly',
    '社区养老服务站',
    '陪老人聊天、读报、理发。',
    [-49, 9, 3],
    [
      ['陪伴', 8],
      ['理发', 2],
    ],
  ),
  demo('清洁家园大扫除', 'environment', '小区中心花园', '清理楼道杂物和绿化带垃圾。', [-42, 8, 3], [['清扫', 12]]),
  demo('垃圾分类桶边督导', 'civility', '3 号垃圾分类亭', '早高峰桶边引导居民分类投放。', [-35, 7, 2], [['督导', 6]]),
  demo(
    '义诊量血压',
    'health',
    '社区卫生服务站门口',
    '配合社区医生为老人量血压、测血糖。',
    [-28, 9, 3],
    [
      ['登记', 3],
      ['引导', 5],
    ],
  ),
  demo('平安夜间巡逻', 'safety', '社区东门集合', '夜间巡查楼道消防通道与电动车充电。', [-21, 19, 2], [['巡逻', 10]]),
  demo(
    '四点半课堂作业辅导',
    'children',
    '社区党群服务中心二楼',
    '为双职工家庭孩子辅导作业。',
    [-14, 16, 2],
    [['辅导', 6]],
  ),
  demo('文明交通劝导', 'civility', '小区南门路口', '劝导电动车佩戴头盔、不闯红灯。', [-7, 7, 2], [['劝导', 8]]),
];

export const FUTURE: DemoActivity[] = [
  demo(
    '周末清洁家园',
    'environment',
    '小区中心花园',
    '清理绿化带垃圾，整理共享单车。',
    [3, 9, 3],
    [
      ['清扫', 10],
      ['后勤', 2],
    ],
  ),
  demo('独居老人陪伴日', 'companionship', '社区养老服务站', '上门或在站点陪伴独居老人。', [5, 14, 2], [['陪伴', 2]]),
  demo(
    '防诈骗宣传进楼栋',
    'safety',
    '各楼栋单元门口',
    '张贴海报、发放宣传单、讲解防诈知识。',
    [8, 10, 2],
    [['宣传', 8]],
  ),
  demo(
    '科普小课堂',
    'culture',
    '社区党群服务中心一楼',
    '为小学生讲解家庭用电安全。',
    [12, 15, 2],
    [
      ['讲解', 2],
      ['助教', 4],
    ],
  ),
];
