/**
 * Places the region() validator knows: the 34 provincial-level divisions and the major cities.
 * The full official name is the stored value; the name without its suffix (广州 for 广州市) is
 * derived, so only extra spoken forms are listed. English names are for citizens writing English.
 */
export interface Region {
  /** Official name, stored as the slot value: 广东省, 广州市, 广西壮族自治区. */
  name: string;
  level: "province" | "city";
  /** For a city, the official name of its province. */
  province?: string;
  /** One-character short names (粤, 沪), accepted only as a whole answer. */
  abbr?: string[];
  /** Other spoken forms in Chinese (内蒙). */
  aliases?: string[];
  /** English names; the first is the one shown. */
  en: string[];
}

const p = (name: string, abbr: string[], en: string[], aliases?: string[]): Region => ({
  name,
  level: "province",
  abbr,
  en,
  ...(aliases ? { aliases } : {}),
});

const cities = (province: string, list: [string, ...string[]][]): Region[] =>
  list.map(([name, ...en]) => ({ name, level: "city", province, en }));

export const PROVINCES: readonly Region[] = [
  p("北京市", ["京"], ["Beijing", "Peking"]),
  p("天津市", ["津"], ["Tianjin"]),
  p("河北省", ["冀"], ["Hebei"]),
  p("山西省", ["晋"], ["Shanxi"]),
  p("内蒙古自治区", ["蒙"], ["Inner Mongolia", "Nei Mongol"], ["内蒙"]),
  p("辽宁省", ["辽"], ["Liaoning"]),
  p("吉林省", ["吉"], ["Jilin"]),
  p("黑龙江省", ["黑"], ["Heilongjiang"]),
  p("上海市", ["沪", "申"], ["Shanghai"]),
  p("江苏省", ["苏"], ["Jiangsu"]),
  p("浙江省", ["浙"], ["Zhejiang"]),
  p("安徽省", ["皖"], ["Anhui"]),
  p("福建省", ["闽"], ["Fujian"]),
  p("江西省", ["赣"], ["Jiangxi"]),
  p("山东省", ["鲁"], ["Shandong"]),
  p("河南省", ["豫"], ["Henan"]),
  p("湖北省", ["鄂"], ["Hubei"]),
  p("湖南省", ["湘"], ["Hunan"]),
  p("广东省", ["粤"], ["Guangdong"]),
  p("广西壮族自治区", ["桂"], ["Guangxi"]),
  p("海南省", ["琼"], ["Hainan"]),
  p("重庆市", ["渝"], ["Chongqing"]),
  p("四川省", ["川", "蜀"], ["Sichuan"]),
  p("贵州省", ["贵", "黔"], ["Guizhou"]),
  p("云南省", ["云", "滇"], ["Yunnan"]),
  p("西藏自治区", ["藏"], ["Tibet", "Xizang"]),
  p("陕西省", ["陕", "秦"], ["Shaanxi"]),
  p("甘肃省", ["甘", "陇"], ["Gansu"]),
  p("青海省", ["青"], ["Qinghai"]),
  p("宁夏回族自治区", ["宁"], ["Ningxia"]),
  p("新疆维吾尔自治区", ["新"], ["Xinjiang"]),
  p("台湾省", ["台"], ["Taiwan"]),
  p("香港特别行政区", ["港"], ["Hong Kong"]),
  p("澳门特别行政区", ["澳"], ["Macao", "Macau"]),
];

export const CITIES: readonly Region[] = [
  ...cities("广东省", [["广州市", "Guangzhou", "Canton"], ["深圳市", "Shenzhen"], ["东莞市", "Dongguan"], ["佛山市", "Foshan"], ["珠海市", "Zhuhai"], ["汕头市", "Shantou"], ["惠州市", "Huizhou"]]),
  ...cities("江苏省", [["南京市", "Nanjing"], ["苏州市", "Suzhou"], ["无锡市", "Wuxi"], ["常州市", "Changzhou"], ["南通市", "Nantong"], ["徐州市", "Xuzhou"], ["扬州市", "Yangzhou"]]),
  ...cities("浙江省", [["杭州市", "Hangzhou"], ["宁波市", "Ningbo"], ["温州市", "Wenzhou"], ["绍兴市", "Shaoxing"], ["嘉兴市", "Jiaxing"], ["金华市", "Jinhua"], ["台州市", "Taizhou"]]),
  ...cities("山东省", [["济南市", "Jinan"], ["青岛市", "Qingdao"], ["烟台市", "Yantai"], ["潍坊市", "Weifang"], ["临沂市", "Linyi"]]),
  ...cities("河北省", [["石家庄市", "Shijiazhuang"], ["唐山市", "Tangshan"], ["保定市", "Baoding"]]),
  ...cities("山西省", [["太原市", "Taiyuan"]]),
  ...cities("内蒙古自治区", [["呼和浩特市", "Hohhot"], ["包头市", "Baotou"], ["鄂尔多斯市", "Ordos"]]),
  ...cities("辽宁省", [["沈阳市", "Shenyang"], ["大连市", "Dalian"]]),
  // 吉林 is both a province and its city: asked back rather than guessed.
  ...cities("吉林省", [["长春市", "Changchun"], ["吉林市", "Jilin City", "Jilin"]]),
  ...cities("黑龙江省", [["哈尔滨市", "Harbin"], ["大庆市", "Daqing"]]),
  ...cities("安徽省", [["合肥市", "Hefei"], ["芜湖市", "Wuhu"]]),
  ...cities("福建省", [["福州市", "Fuzhou"], ["厦门市", "Xiamen"], ["泉州市", "Quanzhou"]]),
  ...cities("江西省", [["南昌市", "Nanchang"], ["赣州市", "Ganzhou"]]),
  ...cities("河南省", [["郑州市", "Zhengzhou"], ["洛阳市", "Luoyang"]]),
  ...cities("湖北省", [["武汉市", "Wuhan"], ["宜昌市", "Yichang"], ["襄阳市", "Xiangyang"]]),
  ...cities("湖南省", [["长沙市", "Changsha"], ["株洲市", "Zhuzhou"]]),
  ...cities("广西壮族自治区", [["南宁市", "Nanning"], ["柳州市", "Liuzhou"], ["桂林市", "Guilin"]]),
  ...cities("海南省", [["海口市", "Haikou"], ["三亚市", "Sanya"]]),
  ...cities("四川省", [["成都市", "Chengdu"], ["绵阳市", "Mianyang"]]),
  ...cities("贵州省", [["贵阳市", "Guiyang"], ["遵义市", "Zunyi"]]),
  ...cities("云南省", [["昆明市", "Kunming"]]),
  ...cities("西藏自治区", [["拉萨市", "Lhasa"]]),
  ...cities("陕西省", [["西安市", "Xi'an"]]),
  ...cities("甘肃省", [["兰州市", "Lanzhou"]]),
  ...cities("青海省", [["西宁市", "Xining"]]),
  ...cities("宁夏回族自治区", [["银川市", "Yinchuan"]]),
  ...cities("新疆维吾尔自治区", [["乌鲁木齐市", "Urumqi", "Urumchi"]]),
];

export const REGIONS: readonly Region[] = [...PROVINCES, ...CITIES];
