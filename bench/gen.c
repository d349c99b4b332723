/*
 * gen - deterministic test data for cs: credit records keyed by the USCC, or
 * the register of the entities they refer to, as CSV or NDJSON on stdout.
 * Entity i is a pure function of (seed, i), so records are written without
 * the register in memory; the only other state is a small heap of pending
 * commitment outcomes.
 */
#include <argp.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#define A31		"0123456789ABCDEFGHJKLMNPQRTUWXY"
#define DEFAULT_N	1000000
#define DEMO_N		3000
#define MAX_N		500000000	/* keeps entity org codes unique */
#define BODY_SPACE	100000000	/* 8-digit organisation code bodies */
#define DEMO_QUOTA	25		/* rows of each type in a demo set */
#define HEAP_CAP	8192		/* pending commitment outcomes */

/* Command line. */
enum what {
	W_RECORDS,
	W_ENTITIES
};

static struct opts {
	uint64_t seed;
	int ndjson;
	int demo;
	int what;
	int have_what;
	uint64_t n;
	int have_n;
} opts = { .seed = 1 };

/* Columns. */
enum rcol {
	C_ID, C_USCC, C_NAME, C_TYPE, C_SEVERITY, C_AUTHORITY,
	C_AUTHORITY_USCC, C_DOC_NO, C_DECIDED_ON, C_VALID_FROM, C_VALID_UNTIL,
	C_DUE_ON, C_REF, C_AMOUNT, C_FINE, C_BASIS, C_CONTENT, C_SOURCE,
	C_DOMAIN, C_CERTIFIED, C_DISHONEST, C_PERSON_NAME, C_PERSON_ID,
	C_NOTE,
	NRCOL
};

static const char *const rcol_name[NRCOL] = {
	"id", "uscc", "name", "type", "severity", "authority",
	"authority_uscc", "doc_no", "decided_on", "valid_from", "valid_until",
	"due_on", "ref", "amount", "fine_10k_yuan", "basis", "content",
	"source", "domain", "certified", "dishonest_debtor", "person_name",
	"person_id", "note"
};

enum ecol {
	E_USCC, E_NAME, E_KIND, E_REGION, E_INDUSTRY, E_LEGAL_REP,
	E_LEGAL_REP_ID, E_REGISTERED_ON, E_STATUS,
	NECOL
};

static const char *const ecol_name[NECOL] = {
	"uscc", "name", "kind", "region", "industry", "legal_rep",
	"legal_rep_id", "registered_on", "status"
};

/* Record types, with their share (per mille) of freshly drawn rows. */
enum type {
	T_LICENSE, T_PENALTY, T_COMPULSION, T_CONFIRMATION, T_COLLECTION,
	T_PAYMENT, T_RULING, T_COMPENSATION, T_REWARD, T_INSPECTION,
	T_COMMITMENT, T_KEPT, T_BROKEN, T_COMPLAINT, T_JUDGMENT, T_HONOR,
	T_VOLUNTARY, T_INTERVIEW, T_EDUCATION,
	NTYPE
};

static const char *const type_name[NTYPE] = {
	"license", "penalty", "compulsion", "confirmation", "collection",
	"payment", "ruling", "compensation", "reward", "inspection",
	"commitment", "commitment_kept", "commitment_broken", "complaint",
	"judgment", "honor", "voluntary", "interview", "education"
};

/*
 * Kept and broken rows only follow commitments, so they are never drawn;
 * they take about 6% of the rows, which the other weights make up for
 * (penalty 25%, license 20%, complaint 12%, commitment 8%, inspection 6%
 * of all rows).
 */
static const int type_weight[NTYPE] = {
	213, 267, 25, 22, 22, 18, 10, 10, 16, 64, 85, 0, 0, 128, 35, 25, 18,
	25, 17
};

/*
 * Regions: GB/T 2260 county-level codes with the names used to build
 * entity names, authority names and document numbers.
 */
static const struct region {
	const char *code;
	const char *city;		/* without 市 */
	const char *dist;		/* full district name */
	const char *dshort;		/* district as written in firm names */
	const char *prov;		/* province-level unit */
	const char *abbr;		/* province, one character */
	int muni;			/* a municipality (直辖市) */
} regions[] = {
	{ "110105", "北京", "朝阳区", "朝阳", "北京市", "京", 1 },
	{ "110108", "北京", "海淀区", "海淀", "北京市", "京", 1 },
	{ "310115", "上海", "浦东新区", "浦东", "上海市", "沪", 1 },
	{ "310104", "上海", "徐汇区", "徐汇", "上海市", "沪", 1 },
	{ "440305", "深圳", "南山区", "南山", "广东省", "粤", 0 },
	{ "440304", "深圳", "福田区", "福田", "广东省", "粤", 0 },
	{ "440106", "广州", "天河区", "天河", "广东省", "粤", 0 },
	{ "440604", "佛山", "禅城区", "禅城", "广东省", "粤", 0 },
	{ "330106", "杭州", "西湖区", "西湖", "浙江省", "浙", 0 },
	{ "330108", "杭州", "滨江区", "滨江", "浙江省", "浙", 0 },
	{ "330212", "宁波", "鄞州区", "鄞州", "浙江省", "浙", 0 },
	{ "510107", "成都", "武侯区", "武侯", "四川省", "川", 0 },
	{ "510104", "成都", "锦江区", "锦江", "四川省", "川", 0 },
	{ "350203", "厦门", "思明区", "思明", "福建省", "闽", 0 },
	{ "350102", "福州", "鼓楼区", "鼓楼", "福建省", "闽", 0 },
	{ "420106", "武汉", "武昌区", "武昌", "湖北省", "鄂", 0 },
	{ "320102", "南京", "玄武区", "玄武", "江苏省", "苏", 0 },
	{ "320505", "苏州", "虎丘区", "虎丘", "江苏省", "苏", 0 },
	{ "120101", "天津", "和平区", "和平", "天津市", "津", 1 },
	{ "500103", "重庆", "渝中区", "渝中", "重庆市", "渝", 1 },
	{ "610113", "西安", "雁塔区", "雁塔", "陕西省", "陕", 0 },
	{ "370102", "济南", "历下区", "历下", "山东省", "鲁", 0 },
	{ "370202", "青岛", "市南区", "市南", "山东省", "鲁", 0 },
	{ "410105", "郑州", "金水区", "金水", "河南省", "豫", 0 },
	{ "430104", "长沙", "岳麓区", "岳麓", "湖南省", "湘", 0 },
	{ "340104", "合肥", "蜀山区", "蜀山", "安徽省", "皖", 0 },
	{ "210102", "沈阳", "和平区", "和平", "辽宁省", "辽", 0 },
	{ "230103", "哈尔滨", "南岗区", "南岗", "黑龙江省", "黑", 0 },
	{ "530102", "昆明", "五华区", "五华", "云南省", "云", 0 },
	{ "450103", "南宁", "青秀区", "青秀", "广西壮族自治区", "桂", 0 },
	{ "130102", "石家庄", "长安区", "长安", "河北省", "冀", 0 },
	{ "360102", "南昌", "东湖区", "东湖", "江西省", "赣", 0 },
	{ "520103", "贵阳", "云岩区", "云岩", "贵州省", "黔", 0 },
};
#define NREGION ((int)(sizeof(regions) / sizeof(regions[0])))

/* Government organs; the level decides how the name is built. */
enum dept {
	DP_SAMR, DP_NMPA, DP_HOUSING, DP_EMERGENCY, DP_FIRE, DP_ENV, DP_TAX,
	DP_NDRC, DP_HRSS, DP_GOV, DP_SCI, DP_IP, DP_LAND, DP_COURT,
	DP_TELECOM, DP_CIVIL, DP_URBAN,
	NDEPT
};

enum level {
	LV_DISTRICT, LV_CITY, LV_PROVINCE, LV_TAX, LV_FIRE
};

static const struct organ {
	const char *name;
	const char *abbr;		/* in document numbers */
	int level;
} depts[NDEPT] = {
	[DP_SAMR] = { "市场监督管理局", "市监", LV_DISTRICT },
	[DP_NMPA] = { "药品监督管理局", "药监", LV_PROVINCE },
	[DP_HOUSING] = { "住房和城乡建设局", "建", LV_DISTRICT },
	[DP_EMERGENCY] = { "应急管理局", "应急", LV_DISTRICT },
	[DP_FIRE] = { "消防救援", "消", LV_FIRE },
	[DP_ENV] = { "生态环境局", "环", LV_CITY },
	[DP_TAX] = { "税务局", "税", LV_TAX },
	[DP_NDRC] = { "发展和改革委员会", "发改", LV_DISTRICT },
	[DP_HRSS] = { "人力资源和社会保障局", "人社", LV_DISTRICT },
	[DP_GOV] = { "人民政府", "政", LV_DISTRICT },
	[DP_SCI] = { "科学技术局", "科", LV_CITY },
	[DP_IP] = { "知识产权局", "知", LV_CITY },
	[DP_LAND] = { "规划和自然资源局", "规划资源", LV_CITY },
	[DP_COURT] = { "人民法院", "法", LV_DISTRICT },
	[DP_TELECOM] = { "通信管理局", "通信", LV_PROVINCE },
	[DP_CIVIL] = { "民政局", "民", LV_DISTRICT },
	[DP_URBAN] = { "城市管理局", "城管", LV_DISTRICT },
};

/* Regulatory domains, with the organ, law and wording of each. */
enum domain {
	D_FOOD, D_DRUG, D_DEVICE, D_COSMETICS, D_CONSTRUCTION, D_HAZCHEM,
	D_SPECIAL, D_SAFETY, D_FIRE, D_ENV, D_TAX, D_QUALITY, D_PRICING,
	D_ADVERTISING, D_ECOMMERCE, D_OTHER,
	NDOMAIN
};

static const struct domain_info {
	const char *name;
	int dept;
	int weight;
	const char *phrase;		/* what an interview urges */
	const char *basis[3];
	const char *violation[3];
	const char *license[2];
} domains[NDOMAIN] = {
	[D_FOOD] = { "food", DP_SAMR, 20, "食品安全",
	    { "《中华人民共和国食品安全法》第一百二十四条",
	      "《中华人民共和国食品安全法》第一百二十五条",
	      "《中华人民共和国食品安全法》第一百二十六条" },
	    { "经营超过保质期的食品",
	      "未按规定查验供货者的许可证和食品合格证明文件",
	      "食品经营场所卫生条件不符合要求" },
	    { "食品经营许可证", "食品生产许可证" } },
	[D_DRUG] = { "drug", DP_NMPA, 5, "药品质量安全",
	    { "《中华人民共和国药品管理法》第一百一十七条",
	      "《中华人民共和国药品管理法》第一百二十六条",
	      "《中华人民共和国药品管理法》第一百二十九条" },
	    { "销售劣药", "未遵守药品经营质量管理规范",
	      "未凭处方销售处方药" },
	    { "药品经营许可证", "药品生产许可证" } },
	[D_DEVICE] = { "medical_device", DP_SAMR, 3, "医疗器械质量安全",
	    { "《医疗器械监督管理条例》第八十六条",
	      "《医疗器械监督管理条例》第八十八条",
	      "《医疗器械监督管理条例》第八十九条" },
	    { "经营未依法备案的第二类医疗器械",
	      "未按规定建立并执行进货查验记录制度",
	      "经营不符合强制性标准的医疗器械" },
	    { "第二类医疗器械经营备案凭证", "医疗器械经营许可证" } },
	[D_COSMETICS] = { "cosmetics", DP_SAMR, 3, "化妆品质量安全",
	    { "《化妆品监督管理条例》第六十条",
	      "《化妆品监督管理条例》第六十一条",
	      "《化妆品监督管理条例》第六十二条" },
	    { "经营标签不符合规定的化妆品",
	      "未按规定建立化妆品进货查验记录制度",
	      "经营超过使用期限的化妆品" },
	    { "化妆品生产许可证", "化妆品生产许可证" } },
	[D_CONSTRUCTION] = { "construction", DP_HOUSING, 8, "工程质量安全",
	    { "《中华人民共和国建筑法》第六十四条",
	      "《建设工程质量管理条例》第六十四条",
	      "《建设工程安全生产管理条例》第六十二条" },
	    { "未取得施工许可证擅自施工", "违反工程建设强制性标准",
	      "未按规定设置安全防护设施" },
	    { "建筑工程施工许可证", "建筑业企业资质证书" } },
	[D_HAZCHEM] = { "hazardous_chemicals", DP_EMERGENCY, 3,
	    "危险化学品安全",
	    { "《危险化学品安全管理条例》第七十七条",
	      "《危险化学品安全管理条例》第七十八条",
	      "《危险化学品安全管理条例》第八十条" },
	    { "未取得经营许可证经营危险化学品",
	      "危险化学品储存不符合国家标准",
	      "未按规定办理危险化学品登记" },
	    { "危险化学品经营许可证", "危险化学品安全使用许可证" } },
	[D_SPECIAL] = { "special_equipment", DP_SAMR, 5, "特种设备安全",
	    { "《中华人民共和国特种设备安全法》第八十三条",
	      "《中华人民共和国特种设备安全法》第八十四条",
	      "《中华人民共和国特种设备安全法》第八十六条" },
	    { "使用未经定期检验的特种设备",
	      "特种设备作业人员未取得相应资格上岗作业",
	      "未按规定办理特种设备使用登记" },
	    { "特种设备使用登记证", "特种设备生产许可证" } },
	[D_SAFETY] = { "work_safety", DP_EMERGENCY, 8, "安全生产",
	    { "《中华人民共和国安全生产法》第九十七条",
	      "《中华人民共和国安全生产法》第九十九条",
	      "《中华人民共和国安全生产法》第一百零二条" },
	    { "未按规定对从业人员进行安全生产教育和培训",
	      "未如实记录安全生产教育和培训情况",
	      "未采取措施消除事故隐患" },
	    { "安全生产许可证", "安全生产许可证" } },
	[D_FIRE] = { "fire", DP_FIRE, 8, "消防安全",
	    { "《中华人民共和国消防法》第五十八条",
	      "《中华人民共和国消防法》第六十条",
	      "《中华人民共和国消防法》第六十一条" },
	    { "消防设施未保持完好有效", "占用疏散通道",
	      "未经消防安全检查擅自投入使用" },
	    { "公众聚集场所投入使用营业前消防安全检查合格证",
	      "建设工程消防验收意见书" } },
	[D_ENV] = { "environment", DP_ENV, 8, "生态环境保护",
	    { "《中华人民共和国大气污染防治法》第九十九条",
	      "《中华人民共和国水污染防治法》第八十三条",
	      "《中华人民共和国环境影响评价法》第三十一条" },
	    { "超标排放大气污染物",
	      "未依法报批环境影响评价文件擅自开工建设",
	      "未按规定设置排污口" },
	    { "排污许可证", "建设项目环境影响报告表批复" } },
	[D_TAX] = { "tax", DP_TAX, 8, "依法纳税",
	    { "《中华人民共和国税收征收管理法》第六十条",
	      "《中华人民共和国税收征收管理法》第六十二条",
	      "《中华人民共和国税收征收管理法》第六十四条" },
	    { "未按照规定期限办理纳税申报",
	      "未按照规定保管账簿和记账凭证", "未按规定开具发票" },
	    { "增值税专用发票最高开票限额审批",
	      "增值税专用发票最高开票限额审批" } },
	[D_QUALITY] = { "product_quality", DP_SAMR, 6, "产品质量安全",
	    { "《中华人民共和国产品质量法》第四十九条",
	      "《中华人民共和国产品质量法》第五十条",
	      "《中华人民共和国产品质量法》第五十四条" },
	    { "生产不符合保障人体健康安全标准的产品",
	      "销售掺杂掺假的产品", "产品标识不符合规定" },
	    { "工业产品生产许可证", "工业产品生产许可证" } },
	[D_PRICING] = { "pricing", DP_SAMR, 4, "价格行为规范",
	    { "《中华人民共和国价格法》第四十二条",
	      "《明码标价和禁止价格欺诈规定》第二十一条",
	      "《价格违法行为行政处罚规定》第十三条" },
	    { "未按规定明码标价", "利用虚假的价格手段诱骗消费者",
	      "收取未予标明的费用" },
	    { "收费许可", "收费许可" } },
	[D_ADVERTISING] = { "advertising", DP_SAMR, 4, "广告发布合规",
	    { "《中华人民共和国广告法》第五十五条",
	      "《中华人民共和国广告法》第五十七条",
	      "《中华人民共和国广告法》第五十八条" },
	    { "发布虚假广告", "广告使用绝对化用语",
	      "未经审查发布医疗器械广告" },
	    { "广告发布登记", "药品广告审查批准" } },
	[D_ECOMMERCE] = { "ecommerce", DP_SAMR, 4, "平台经营合规",
	    { "《中华人民共和国电子商务法》第七十六条",
	      "《中华人民共和国电子商务法》第七十七条",
	      "《中华人民共和国电子商务法》第八十一条" },
	    { "未在首页显著位置公示营业执照信息",
	      "未向消费者提供不针对其个人特征的选项",
	      "擅自删除消费者评价" },
	    { "增值电信业务经营许可证", "增值电信业务经营许可证" } },
	[D_OTHER] = { "other", DP_URBAN, 3, "依法经营",
	    { "《无证无照经营查处办法》第十三条",
	      "《城市市容和环境卫生管理条例》第三十六条",
	      "《中华人民共和国反不正当竞争法》第二十条" },
	    { "无照经营", "擅自设置户外广告设施", "随意倾倒建筑垃圾" },
	    { "户外广告设施设置许可", "城市建筑垃圾处置核准" } },
};

/* Entities. */
enum kind {
	K_ENTERPRISE, K_INDIVIDUAL, K_COOP, K_SOCIAL, K_PUBLIC,
	NKIND
};

static const char *const kind_name[NKIND] = {
	"enterprise", "individual", "cooperative", "social_organisation",
	"public_institution"
};

static const int kind_weight[NKIND] = { 80, 10, 3, 4, 3 };

/*
 * GB/T 4754-2017 industries by kind, with the USCC positions 1-2 they
 * imply, the words that go into a name and the domain most records of
 * such an entity fall in.
 */
static const struct industry {
	const char *code;
	int kind;
	const char *prefix;
	int weight;
	int domain;
	const char *words[4];
} industries[] = {
	{ "C1391", K_ENTERPRISE, "91", 4, D_FOOD, { "食品", "淀粉制品" } },
	{ "C1411", K_ENTERPRISE, "91", 4, D_FOOD, { "食品", "烘焙食品" } },
	{ "C2614", K_ENTERPRISE, "91", 4, D_HAZCHEM, { "化工", "化学" } },
	{ "C2710", K_ENTERPRISE, "91", 3, D_DRUG, { "制药", "药业" } },
	{ "C2720", K_ENTERPRISE, "91", 3, D_DRUG, { "医药", "生物医药" } },
	{ "C2682", K_ENTERPRISE, "91", 3, D_COSMETICS, { "化妆品", "日化" } },
	{ "C3420", K_ENTERPRISE, "91", 5, D_SPECIAL, { "机械", "精密机械" } },
	{ "C3581", K_ENTERPRISE, "91", 3, D_DEVICE,
	    { "医疗器械", "医疗设备" } },
	{ "C3911", K_ENTERPRISE, "91", 4, D_QUALITY, { "电子", "计算机" } },
	{ "E4710", K_ENTERPRISE, "91", 8, D_CONSTRUCTION,
	    { "建设", "建筑工程" } },
	{ "F5211", K_ENTERPRISE, "91", 10, D_PRICING, { "商贸", "百货" } },
	{ "F5292", K_ENTERPRISE, "91", 6, D_ECOMMERCE,
	    { "电子商务", "网络科技" } },
	{ "H6110", K_ENTERPRISE, "91", 4, D_FIRE, { "酒店管理", "酒店" } },
	{ "H6210", K_ENTERPRISE, "91", 8, D_FOOD, { "餐饮管理", "餐饮" } },
	{ "I6513", K_ENTERPRISE, "91", 12, D_TAX,
	    { "科技", "信息技术", "软件" } },
	{ "L7212", K_ENTERPRISE, "91", 6, D_TAX, { "投资管理", "资产管理" } },
	{ "M7320", K_ENTERPRISE, "91", 5, D_QUALITY,
	    { "检测技术", "技术开发" } },
	{ "F5213", K_INDIVIDUAL, "92", 6, D_FOOD, { "便利店", "超市" } },
	{ "F5223", K_INDIVIDUAL, "92", 3, D_FOOD, { "水果店", "果蔬店" } },
	{ "H6210", K_INDIVIDUAL, "92", 5, D_FOOD, { "餐馆", "面馆" } },
	{ "H6220", K_INDIVIDUAL, "92", 3, D_FOOD, { "小吃店", "快餐店" } },
	{ "F5251", K_INDIVIDUAL, "92", 2, D_DRUG, { "药店", "大药房" } },
	{ "O8040", K_INDIVIDUAL, "92", 2, D_COSMETICS,
	    { "理发店", "美容院" } },
	{ "A0141", K_COOP, "93", 3, D_FOOD, { "蔬菜种植" } },
	{ "A0151", K_COOP, "93", 2, D_FOOD, { "水果种植" } },
	{ "A0111", K_COOP, "93", 2, D_FOOD, { "粮食种植" } },
	{ "A0321", K_COOP, "93", 1, D_FOOD, { "家禽养殖" } },
	{ "A0313", K_COOP, "93", 1, D_ENV, { "生猪养殖" } },
	{ "S9522", K_SOCIAL, "51", 10, D_OTHER,
	    { "餐饮行业协会", "个体劳动者协会", "商会", "电子商务协会" } },
	{ "P8391", K_SOCIAL, "52", 4, D_OTHER, { "职业技能培训学校" } },
	{ "P8310", K_SOCIAL, "52", 3, D_FIRE, { "幼儿园" } },
	{ "S9530", K_SOCIAL, "53", 3, D_OTHER,
	    { "慈善基金会", "公益基金会", "教育基金会" } },
	{ "Q8421", K_PUBLIC, "12", 2, D_DEVICE, { "街道社区卫生服务中心" } },
	{ "R8870", K_PUBLIC, "12", 1, D_OTHER, { "街道文化站" } },
	{ "P8321", K_PUBLIC, "12", 1, D_FIRE, { "实验小学" } },
};
#define NINDUSTRY ((int)(sizeof(industries) / sizeof(industries[0])))

/*
 * Brand characters.  None of them occurs in any other part of an entity
 * name (cities, districts, industry words, suffixes), so the brand can be
 * read back from a name, and distinct brands give distinct names.
 */
static const char *const brand[64] = {
	"澄", "瑞", "丰", "恒", "泰", "鑫", "源", "嘉", "禾", "盛", "达",
	"博", "睿", "宏", "远", "德", "润", "诚", "弘", "毅", "晟", "昊",
	"卓", "越", "联", "创", "兴", "隆", "鼎", "臻", "佳", "凯", "旋",
	"骏", "驰", "辰", "宇", "鸿", "运", "腾", "飞", "裕", "祥", "永",
	"康", "元", "正", "景", "荣", "捷", "顺", "智", "英", "杰", "优",
	"启", "瀚", "霖", "峰", "璟", "铭", "钧", "锐", "翔"
};

static const char *const surname[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐",
	"孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁",
	"谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖",
	"田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程",
	"苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟",
	"谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方",
	"白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段",
	"雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚",
	"邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
	"欧阳", "上官", "司马", "诸葛"
};
#define NSURNAME ((int)(sizeof(surname) / sizeof(surname[0])))

static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
	"艳", "杰", "娟", "涛", "明", "超", "秀", "英", "华", "平", "刚",
	"桂", "文", "辉", "玲", "建", "国", "红", "志", "鹏", "飞", "宇",
	"婷", "浩", "然", "子", "轩", "欣", "怡", "梓", "涵", "晨", "阳",
	"思", "雨", "嘉", "佳", "俊", "凯", "琳", "雪", "慧", "倩", "博",
	"鑫", "海", "波", "斌", "宁", "丹", "萍", "颖", "晓", "永", "春"
};
#define NGIVEN ((int)(sizeof(given) / sizeof(given[0])))

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

struct entity {
	char uscc[19];
	char name[192];
	char legal_rep[16];
	char legal_rep_id[19];
	int kind;
	int region;			/* index into regions[] */
	int industry;			/* index into industries[] */
	long registered;		/* days since 1970-01-01 */
	long birth;			/* legal representative's birth date */
	int status;
};

static const char *const status_name[] = {
	"active", "deregistered", "revoked"
};

/* Random numbers: splitmix64 seeds xoshiro256**. */
struct rng {
	uint64_t s[4];
};

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t
mix64(uint64_t z)
{
	return splitmix(&z);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static void
rng_seed(struct rng *r, uint64_t seed)
{
	int k;

	for (k = 0; k < 4; k++)
		r->s[k] = splitmix(&seed);
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

/* Uniform in [0, n); the modulo bias is below 2^-30 for every n used. */
static uint64_t
rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

static double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int
rng_pick(struct rng *r, const int *w, int n)
{
	int k, total = 0, x;

	for (k = 0; k < n; k++)
		total += w[k];
	x = (int)rng_below(r, (uint64_t)total);
	for (k = 0; k < n; k++) {
		if (x < w[k])
			return k;
		x -= w[k];
	}
	return n - 1;
}

static const char *
rng_str(struct rng *r, const char *const *v, int n)
{
	return v[rng_below(r, (uint64_t)n)];
}

#define PICK(r, v) rng_str((r), (v), NELEM(v))

/* Dates as days since 1970-01-01 (H. Hinnant's civil calendar). */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
year_of(long day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	return y;
}

/* The same month and day k years later, 29 February clamped to the 28th. */
static long
add_years(long day, int k)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	y += k;
	if (m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		d = 28;
	return days_from_civil(y, m, d);
}

static long day_reg_first;		/* 1995-01-01: registrations */
static long day_first;			/* 2023-01-01: decisions */
static long day_last;			/* 2026-10-31 */

/* Check characters. */
static signed char a31_value[256];

static char
uscc_check(const char *u)
{
	int k, sum = 0;

	for (k = 0; k < 17; k++) {
		static const int w[17] = {
			1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24,
			10, 30, 28
		};
		sum += a31_value[(unsigned char)u[k]] * w[k];
	}
	return A31[(31 - sum % 31) % 31];
}

static char
org_check(const char *body)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int k, v, sum = 0, c;

	for (k = 0; k < 8; k++) {
		v = body[k] >= 'A' ? body[k] - 'A' + 10 : body[k] - '0';
		sum += v * w[k];
	}
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

static char
id_check(const char *id)
{
	static const int w[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	int k, sum = 0, c;

	for (k = 0; k < 17; k++)
		sum += (id[k] - '0') * w[k];
	c = (12 - sum % 11) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

/* out: 18 characters and a NUL from a prefix, an area and an org body. */
static void
uscc_make(char *out, const char *pre, const char *area, const char *body)
{
	memcpy(out, pre, 2);
	memcpy(out + 2, area, 6);
	memcpy(out + 8, body, 8);
	out[16] = org_check(out + 8);
	out[17] = uscc_check(out);
	out[18] = '\0';
}

static void
digits(char *out, uint64_t v, int width)
{
	while (width-- > 0) {
		out[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* A resident ID: region, birth date, sequence, check. */
static void
id_make(char *out, const char *area, long birth, unsigned seq)
{
	int y, m, d;

	civil_from_days(birth, &y, &m, &d);
	memcpy(out, area, 6);
	digits(out + 6, (uint64_t)y, 4);
	digits(out + 10, (uint64_t)m, 2);
	digits(out + 12, (uint64_t)d, 2);
	digits(out + 14, seq, 3);
	out[17] = id_check(out);
	out[18] = '\0';
}

/* String building in caller-owned buffers; excess is cut, never overrun. */
struct sb {
	char *p;
	char *end;			/* last byte is kept for the NUL */
};

static void
sb_mem(struct sb *b, const char *s, size_t n)
{
	size_t room = (size_t)(b->end - b->p);

	if (n > room)
		n = room;
	memcpy(b->p, s, n);
	b->p += n;
}

static void
sb_s(struct sb *b, const char *s)
{
	sb_mem(b, s, strlen(s));
}

static void
sb_u(struct sb *b, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 || n < width);
	sb_mem(b, tmp + sizeof(tmp) - n, (size_t)n);
}

static void
sb_date(struct sb *b, long day)
{
	char t[10];
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	digits(t, (uint64_t)y, 4);
	t[4] = '-';
	digits(t + 5, (uint64_t)m, 2);
	t[7] = '-';
	digits(t + 8, (uint64_t)d, 2);
	sb_mem(b, t, 10);
}

/* Hundredths as a decimal without trailing zeros: 150 -> "1.5". */
static void
sb_hundredths(struct sb *b, uint64_t v, int keep)
{
	uint64_t frac = v % 100;

	sb_u(b, v / 100, 1);
	if (frac == 0 && !keep)
		return;
	sb_s(b, ".");
	if (keep || frac % 10 != 0)
		sb_u(b, frac, 2);
	else
		sb_u(b, frac / 10, 1);
}

/* Seed-derived permutations that keep names and org codes unique. */
static uint64_t body_a, body_b;		/* affine map on [0, 10^8) */
static uint64_t brand_a, brand_b;	/* affine map on [0, 4096) */
static uint64_t entity_key;

static void
entity_init(uint64_t seed)
{
	uint64_t x = seed ^ 0x5eed0e17171e5u;

	body_a = splitmix(&x) % BODY_SPACE | 1;
	if (body_a % 5 == 0)
		body_a += 2;
	body_b = splitmix(&x) % BODY_SPACE;
	brand_a = (splitmix(&x) % 4096) | 1;
	brand_b = splitmix(&x) % 4096;
	entity_key = splitmix(&x);
}

/*
 * The brand: two characters from i mod 4096 (permuted), preceded by i /
 * 4096 in bijective base 64, so every index has its own brand.
 */
static void
put_brand(struct sb *b, uint64_t i)
{
	uint64_t q = i / 4096;
	uint64_t k = (brand_a * (i % 4096) + brand_b) % 4096;

	while (q > 0) {
		q--;
		sb_s(b, brand[q % 64]);
		q /= 64;
	}
	sb_s(b, brand[k / 64]);
	sb_s(b, brand[k % 64]);
}

static void
person_name(struct rng *r, char *out, size_t size)
{
	struct sb b = { out, out + size - 1 };
	double u = rng_unit(r);

	sb_s(&b, surname[(int)(u * u * NSURNAME)]);
	sb_s(&b, given[rng_below(r, NGIVEN)]);
	if (rng_below(r, 10) < 7)
		sb_s(&b, given[rng_below(r, NGIVEN)]);
	*b.p = '\0';
}

static int
pick_industry(struct rng *r, int kind)
{
	int k, total = 0, x;

	for (k = 0; k < NINDUSTRY; k++)
		if (industries[k].kind == kind)
			total += industries[k].weight;
	x = (int)rng_below(r, (uint64_t)total);
	for (k = 0; k < NINDUSTRY; k++) {
		if (industries[k].kind != kind)
			continue;
		if (x < industries[k].weight)
			return k;
		x -= industries[k].weight;
	}
	return 0;
}

static const char *
industry_word(struct rng *r, const struct industry *ind)
{
	int n = 0;

	while (n < 4 && ind->words[n] != NULL)
		n++;
	return ind->words[rng_below(r, (uint64_t)n)];
}

static void
entity_name(struct rng *r, struct entity *e, uint64_t i)
{
	static const char *const suffix[] = {
		"有限公司", "有限公司", "有限公司", "有限公司", "有限公司",
		"有限公司", "股份有限公司", "有限责任公司", "集团有限公司"
	};
	const struct region *rg = &regions[e->region];
	const struct industry *ind = &industries[e->industry];
	struct sb b = { e->name, e->name + sizeof(e->name) - 1 };
	const char *word = industry_word(r, ind);
	/* 1 in 80 indexes, so even the demo set has a few: 1% of names. */
	int paren = i % 80 == 37 ? 1 + (int)(i / 80 % 2) : 0;

	sb_s(&b, rg->city);
	switch (e->kind) {
	case K_ENTERPRISE:
		if (paren == 1) {
			sb_s(&b, "（");
			sb_s(&b, rg->dshort);
			sb_s(&b, "）");
		} else if (paren == 2) {
			sb_s(&b, "(");
			sb_s(&b, rg->dshort);
			sb_s(&b, ")");
		} else {
			sb_s(&b, rg->dshort);
		}
		put_brand(&b, i);
		sb_s(&b, word);
		sb_s(&b, PICK(r, suffix));
		break;
	case K_INDIVIDUAL:
		sb_s(&b, rg->dist);
		put_brand(&b, i);
		sb_s(&b, word);
		break;
	case K_COOP:
		sb_s(&b, rg->dist);
		put_brand(&b, i);
		if (rng_below(r, 2) == 0)
			sb_s(&b, word);
		sb_s(&b, "农民专业合作社");
		break;
	default:
		sb_s(&b, "市");
		if (strcmp(ind->code, "S9530") != 0)
			sb_s(&b, rg->dist);
		put_brand(&b, i);
		sb_s(&b, word);
		break;
	}
	*b.p = '\0';
}

/* Entity i: a pure function of (seed, i). */
static void
entity_make(uint64_t i, struct entity *e)
{
	struct rng r;
	char body[9];
	uint64_t v;
	unsigned seq;
	int k;

	rng_seed(&r, entity_key ^ mix64(i + 0x2545f4914f6cdd1du));
	e->kind = rng_pick(&r, kind_weight, NKIND);
	e->region = (int)rng_below(&r, NREGION);
	e->industry = pick_industry(&r, e->kind);

	v = (body_a * (i % BODY_SPACE) + body_b) % BODY_SPACE;
	digits(body, v, 8);
	body[8] = '\0';
	/*
	 * A few bodies start with a letter instead of a digit: a separate,
	 * still injective, set of codes.
	 */
	if (rng_below(&r, 100) == 0)
		body[0] = "ABCDEFGHJK"[body[0] - '0'];
	uscc_make(e->uscc, industries[e->industry].prefix,
	    regions[e->region].code, body);

	e->registered = day_reg_first +
	    (long)rng_below(&r, (uint64_t)(day_first - day_reg_first));
	e->birth = e->registered - 20 * 365 -
	    (long)rng_below(&r, 40 * 365);
	k = rng_below(&r, 10) < 7 ? e->region : (int)rng_below(&r, NREGION);
	seq = 1 + (unsigned)rng_below(&r, 999);
	id_make(e->legal_rep_id, regions[k].code, e->birth, seq);
	person_name(&r, e->legal_rep, sizeof(e->legal_rep));
	v = rng_below(&r, 100);
	e->status = v < 95 ? 0 : v < 98 ? 1 : 2;
	entity_name(&r, e, i);
}

/* Output: one buffer in front of stdout. */
static char obuf[1 << 16];
static size_t olen;

static void
die_write(void)
{
	fprintf(stderr, "gen: cannot write to standard output: %s\n",
	    strerror(errno));
	exit(EX_IOERR);
}

static void
out_flush(void)
{
	if (olen > 0 && fwrite(obuf, 1, olen, stdout) != olen)
		die_write();
	olen = 0;
}

static void
out_mem(const char *s, size_t n)
{
	if (n > sizeof(obuf) - olen) {
		out_flush();
		if (n > sizeof(obuf)) {
			if (fwrite(s, 1, n, stdout) != n)
				die_write();
			return;
		}
	}
	memcpy(obuf + olen, s, n);
	olen += n;
}

static void
out_c(char c)
{
	if (olen == sizeof(obuf))
		out_flush();
	obuf[olen++] = c;
}

static void
out_s(const char *s)
{
	out_mem(s, strlen(s));
}

/* RFC 4180: quote only a field holding a comma, a quote, CR or LF. */
static void
csv_field(const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		out_s(s);
		return;
	}
	out_c('"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			out_c('"');
		out_c(*p);
	}
	out_c('"');
}

/* RFC 8259 string; non-ASCII passes through as UTF-8. */
static void
json_string(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *p, *run = s;
	char u[6] = { '\\', 'u', '0', '0', 0, 0 };

	out_c('"');
	for (p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		out_mem(run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '"':
			out_mem("\\\"", 2);
			break;
		case '\\':
			out_mem("\\\\", 2);
			break;
		case '\n':
			out_mem("\\n", 2);
			break;
		case '\t':
			out_mem("\\t", 2);
			break;
		case '\r':
			out_mem("\\r", 2);
			break;
		default:
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			out_mem(u, 6);
			break;
		}
	}
	out_mem(run, (size_t)(p - run));
	out_c('"');
}

static void
write_header(const char *const *names, int n)
{
	int k;

	if (opts.ndjson)
		return;
	for (k = 0; k < n; k++) {
		if (k > 0)
			out_c(',');
		out_s(names[k]);
	}
	out_c('\n');
}

static void
write_row(const char *const *names, const char *const *f, int n)
{
	int k, first = 1;

	if (!opts.ndjson) {
		for (k = 0; k < n; k++) {
			if (k > 0)
				out_c(',');
			csv_field(f[k]);
		}
		out_c('\n');
		return;
	}
	out_c('{');
	for (k = 0; k < n; k++) {
		if (f[k][0] == '\0')
			continue;
		if (!first)
			out_c(',');
		first = 0;
		out_c('"');
		out_s(names[k]);
		out_mem("\":", 2);
		json_string(f[k]);
	}
	out_mem("}\n", 2);
}

/* One record row: field pointers into static strings or the arena. */
struct row {
	const char *f[NRCOL];
	struct sb b;
	char arena[8192];
};

static void
row_reset(struct row *r)
{
	int k;

	for (k = 0; k < NRCOL; k++)
		r->f[k] = "";
	r->b.p = r->arena;
	r->b.end = r->arena + sizeof(r->arena) - 1;
}

static char *
fbegin(struct row *r)
{
	return r->b.p;
}

static void
fend(struct row *r, int col, char *start)
{
	*r->b.p = '\0';
	if (r->b.p < r->b.end)
		r->b.p++;
	r->f[col] = start;
}

static void
set_date(struct row *r, int col, long day)
{
	char *st = fbegin(r);

	sb_date(&r->b, day);
	fend(r, col, st);
}

/* Record generator state. */
struct pend {
	uint64_t target;		/* row index at which it is written */
	uint64_t seq;			/* commitment number: breaks ties */
	uint64_t ent;
	long cday;			/* the commitment's decided_on */
	long due;
	int kept;
	int dept;
};

static struct gen {
	struct rng rng;
	uint64_t nrec;
	uint64_t nent;
	uint64_t perm_a, perm_b;	/* scatters the heavy entities */
	uint64_t row;
	uint64_t serial;		/* document number counter */
	uint64_t ncommit;
	uint64_t cm_off;
	uint64_t maxdelay;
	uint64_t count[NTYPE];
	uint64_t kept, broken;		/* scheduled within the output */
	size_t nheap;
	struct pend heap[HEAP_CAP];
} g;

static int
pend_less(const struct pend *a, const struct pend *b)
{
	return a->target < b->target ||
	    (a->target == b->target && a->seq < b->seq);
}

static void
heap_push(const struct pend *p)
{
	size_t k = g.nheap++, up;

	while (k > 0) {
		up = (k - 1) / 2;
		if (!pend_less(p, &g.heap[up]))
			break;
		g.heap[k] = g.heap[up];
		k = up;
	}
	g.heap[k] = *p;
}

static struct pend
heap_pop(void)
{
	struct pend top = g.heap[0], last = g.heap[--g.nheap];
	size_t k = 0, c;

	for (;;) {
		c = 2 * k + 1;
		if (c >= g.nheap)
			break;
		if (c + 1 < g.nheap && pend_less(&g.heap[c + 1], &g.heap[c]))
			c++;
		if (!pend_less(&g.heap[c], &last))
			break;
		g.heap[k] = g.heap[c];
		k = c;
	}
	if (g.nheap > 0)
		g.heap[k] = last;
	return top;
}

static uint64_t
gcd(uint64_t a, uint64_t b)
{
	while (b != 0) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static void
gen_init(uint64_t nrec, uint64_t nent)
{
	uint64_t x = opts.seed ^ 0x7265636f726473u;

	rng_seed(&g.rng, splitmix(&x));
	g.nrec = nrec;
	g.nent = nent;
	g.perm_a = 1 + splitmix(&x) % nent;
	while (gcd(g.perm_a, nent) != 1)
		g.perm_a++;
	g.perm_b = splitmix(&x) % nent;
	g.cm_off = splitmix(&x) % 10000000000u;
	g.maxdelay = nrec / 20;
	if (g.maxdelay < 20)
		g.maxdelay = 20;
	if (g.maxdelay > 5000)
		g.maxdelay = 5000;
	g.serial = 1;
}

/* Power-law entity draw: P(index < x) = sqrt(x / n), then scattered. */
static uint64_t
pick_entity(void)
{
	double u = rng_unit(&g.rng);
	uint64_t x = (uint64_t)(u * u * (double)g.nent);

	if (x >= g.nent)
		x = g.nent - 1;
	return (g.perm_a % g.nent * x + g.perm_b) % g.nent;
}

static void
set_authority(struct row *r, const struct region *rg, int dept)
{
	const struct organ *d = &depts[dept];
	char *st = fbegin(r), area[7], body[9], u[19];
	uint64_t h = 0xcbf29ce484222325u;
	const char *p;

	switch (d->level) {
	case LV_DISTRICT:
		sb_s(&r->b, rg->city);
		sb_s(&r->b, "市");
		sb_s(&r->b, rg->dist);
		break;
	case LV_CITY:
		sb_s(&r->b, rg->city);
		sb_s(&r->b, "市");
		break;
	case LV_PROVINCE:
		sb_s(&r->b, rg->prov);
		break;
	case LV_TAX:
		sb_s(&r->b, "国家税务总局");
		sb_s(&r->b, rg->city);
		sb_s(&r->b, "市");
		sb_s(&r->b, rg->dist);
		break;
	case LV_FIRE:
		sb_s(&r->b, rg->city);
		sb_s(&r->b, "市");
		break;
	}
	sb_s(&r->b, d->name);
	if (d->level == LV_FIRE)
		sb_s(&r->b, rg->muni ? "总队" : "支队");
	fend(r, C_AUTHORITY, st);

	/* Government organs: 11, the organ's area, a body from its name. */
	memcpy(area, rg->code, 7);
	if (d->level == LV_CITY || d->level == LV_FIRE)
		memcpy(area + 4, "00", 2);
	else if (d->level == LV_PROVINCE)
		memcpy(area + 2, "0000", 4);
	for (p = st; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3u;
	body[0] = '0';
	digits(body + 1, mix64(h) % 10000000, 7);
	uscc_make(u, "11", area, body);
	st = fbegin(r);
	sb_s(&r->b, u);
	fend(r, C_AUTHORITY_USCC, st);
}

/* 京市监罚〔2025〕104523号 */
static void
set_docno(struct row *r, const struct region *rg, int dept, const char *kc,
    long day)
{
	char *st = fbegin(r);

	sb_s(&r->b, rg->abbr);
	sb_s(&r->b, depts[dept].abbr);
	sb_s(&r->b, kc);
	sb_s(&r->b, "〔");
	sb_u(&r->b, (uint64_t)year_of(day), 4);
	sb_s(&r->b, "〕");
	sb_u(&r->b, g.serial++, 1);
	sb_s(&r->b, "号");
	fend(r, C_DOC_NO, st);
}

/* A document number of letters, the date and the counter. */
static void
set_serialno(struct row *r, const char *prefix, long day, int full)
{
	char *st = fbegin(r);
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	sb_s(&r->b, prefix);
	sb_u(&r->b, (uint64_t)y, 4);
	if (full) {
		sb_u(&r->b, (uint64_t)m, 2);
		sb_u(&r->b, (uint64_t)d, 2);
	}
	sb_u(&r->b, g.serial++, 8);
	fend(r, C_DOC_NO, st);
}

/*
 * About 2% of texts get a comma, 1% a double quote and 0.1% a line feed,
 * so that readers meet every CSV quoting case.
 */
static void
decorate(struct sb *b)
{
	static const char *const comma[] = {
		"，涉案货值1,280元", ", 已整改完毕", "（见附件1,2）",
		",详见决定书", "，涉及批次2,3,5"
	};
	static const char *const quote[] = {
		"（当事人称\"不知情\"）", " “依法” \"quoted\"",
		"，标注\"特供\"字样"
	};
	static const char *const lf[] = {
		"\n附：整改报告已提交", "\n（更正后重新报送）"
	};
	uint64_t x = rng_below(&g.rng, 10000);

	if (x < 10)
		sb_s(b, PICK(&g.rng, lf));
	else if (x < 110)
		sb_s(b, PICK(&g.rng, quote));
	else if (x < 310)
		sb_s(b, PICK(&g.rng, comma));
}

static void
set_text(struct row *r, int col, const char *text)
{
	char *st = fbegin(r);

	sb_s(&r->b, text);
	decorate(&r->b);
	fend(r, col, st);
}

static int
pick_domain(const struct entity *e)
{
	static int w[NDOMAIN];
	int k;

	if (w[0] == 0)
		for (k = 0; k < NDOMAIN; k++)
			w[k] = domains[k].weight;
	if (rng_below(&g.rng, 2) == 0)
		return industries[e->industry].domain;
	return rng_pick(&g.rng, w, NDOMAIN);
}

static void
set_person(struct row *r, const struct entity *e)
{
	char *st;
	char id[19];
	long birth = days_from_civil(1960, 1, 1) +
	    (long)rng_below(&g.rng, 42 * 365);

	st = fbegin(r);
	person_name(&g.rng, r->b.p, (size_t)(r->b.end - r->b.p));
	r->b.p += strlen(r->b.p);
	fend(r, C_PERSON_NAME, st);
	id_make(id, regions[e->region].code, birth,
	    1 + (unsigned)rng_below(&g.rng, 999));
	st = fbegin(r);
	sb_s(&r->b, id);
	fend(r, C_PERSON_ID, st);
}

static void
set_common(struct row *r, const struct entity *e, int type, long day)
{
	r->f[C_USCC] = e->uscc;
	r->f[C_NAME] = e->name;
	r->f[C_TYPE] = type_name[type];
	set_date(r, C_DECIDED_ON, day);
	if (rng_below(&g.rng, 100) < 6) {
		static const char *const note[] = {
			"数据来源：部门报送", "历史数据补录",
			"已同步至信用中国网站", "依申请更正后重新报送",
			"数据来源：信用信息共享平台"
		};
		set_text(r, C_NOTE, PICK(&g.rng, note));
	}
}

static void
make_penalty(struct row *r, const struct entity *e, long day)
{
	static const char *const sev[] = { "minor", "general", "serious" };
	static const char *const plain[] = {
		"警告", "责令改正，给予警告", "通报批评",
		"没收违法所得和非法财物", "责令停产停业", "吊销许可证"
	};
	static const uint64_t lo[] = { 5, 100, 1000 }, hi[] = { 300, 3000,
		100000 };
	static const uint64_t nice[3][8] = {
		{ 5, 10, 20, 30, 50, 80, 100, 150 },
		{ 100, 150, 200, 300, 500, 800, 1000, 2000 },
		{ 1000, 2000, 3000, 5000, 8000, 10000, 20000, 50000 }
	};
	const struct region *rg = &regions[e->region];
	int dom = pick_domain(e), s;
	uint64_t x = rng_below(&g.rng, 100), fine = 0;
	char *st;

	s = x < 60 ? 0 : x < 90 ? 1 : 2;
	r->f[C_SEVERITY] = sev[s];
	r->f[C_DOMAIN] = domains[dom].name;
	set_authority(r, rg, domains[dom].dept);
	set_docno(r, rg, domains[dom].dept, "罚", day);
	if (rng_below(&g.rng, 100) < 70) {
		if (rng_below(&g.rng, 5) == 0)
			fine = lo[s] + rng_below(&g.rng, hi[s] - lo[s]);
		else
			fine = nice[s][rng_below(&g.rng, 8)];
		st = fbegin(r);
		sb_hundredths(&r->b, fine, 0);
		fend(r, C_FINE, st);
	}
	set_text(r, C_BASIS, domains[dom].basis[rng_below(&g.rng, 3)]);

	st = fbegin(r);
	sb_s(&r->b, domains[dom].violation[rng_below(&g.rng, 3)]);
	sb_s(&r->b, "，");
	if (fine > 0) {
		x = rng_below(&g.rng, 10);
		if (x < 2) {
			sb_s(&r->b, "没收违法所得");
			sb_u(&r->b, 100 * (1 + rng_below(&g.rng, 300)), 1);
			sb_s(&r->b, "元，罚款");
		} else if (x < 4) {
			sb_s(&r->b, "警告，罚款");
		} else {
			sb_s(&r->b, "责令改正，罚款");
		}
		sb_hundredths(&r->b, fine, 0);
		sb_s(&r->b, "万元");
	} else {
		sb_s(&r->b, plain[s + (int)rng_below(&g.rng, 3)]);
	}
	decorate(&r->b);
	fend(r, C_CONTENT, st);
	if (rng_below(&g.rng, 100) < 5)
		set_person(r, e);
}

static void
make_license(struct row *r, const struct entity *e, long day)
{
	static const char *const how[] = {
		"", "", "", "", "", "", "（新办）", "（新办）", "（延续）",
		"（变更）"
	};
	const struct region *rg = &regions[e->region];
	int dom = pick_domain(e), dept = domains[dom].dept;
	uint64_t x;
	char *st;

	if (dom == D_ECOMMERCE)
		dept = DP_TELECOM;
	r->f[C_DOMAIN] = domains[dom].name;
	set_authority(r, rg, dept);
	set_docno(r, rg, dept, "许", day);
	set_date(r, C_VALID_FROM, day);
	x = rng_below(&g.rng, 10);
	if (x < 2) {
		r->f[C_VALID_UNTIL] = "2099-12-31";
	} else {
		st = fbegin(r);
		sb_date(&r->b, add_years(day, x < 6 ? 5 : 3));
		fend(r, C_VALID_UNTIL, st);
	}
	st = fbegin(r);
	sb_s(&r->b, domains[dom].license[rng_below(&g.rng, 2)]);
	sb_s(&r->b, PICK(&g.rng, how));
	decorate(&r->b);
	fend(r, C_CONTENT, st);
}

/* Types that are an organ, a document number and a short text. */
struct act {
	int dept;
	const char *text;
};

static void
make_act(struct row *r, const struct entity *e, long day, int type)
{
	static const struct act confirmation[] = {
		{ DP_SCI, "高新技术企业认定" }, { DP_HRSS, "工伤认定" },
		{ DP_SAMR, "食品小作坊登记" },
		{ DP_LAND, "不动产权属确认" }
	};
	static const struct act collection[] = {
		{ DP_TAX, "征收城镇土地使用税" }, { DP_TAX, "征收房产税" },
		{ DP_TAX, "征收环境保护税" },
		{ DP_URBAN, "征收城市生活垃圾处理费" }
	};
	static const struct act payment[] = {
		{ DP_HRSS, "失业保险稳岗返还" },
		{ DP_HRSS, "一次性吸纳就业补贴" },
		{ DP_CIVIL, "养老机构运营补贴" }
	};
	static const struct act ruling[] = {
		{ DP_IP, "专利侵权纠纷行政裁决" },
		{ DP_LAND, "土地权属争议行政裁决" },
		{ DP_GOV, "林木林地权属争议裁决" }
	};
	static const struct act compensation[] = {
		{ DP_HOUSING, "国有土地上房屋征收补偿" },
		{ DP_GOV, "行政许可撤回补偿" },
		{ DP_LAND, "集体土地征收补偿" }
	};
	static const struct act reward[] = {
		{ DP_GOV, "区长质量奖" }, { DP_SCI, "科学技术进步奖二等奖" },
		{ DP_SAMR, "举报奖励" }
	};
	static const struct act honor[] = {
		{ DP_SAMR, "守合同重信用企业" },
		{ DP_TAX, "纳税信用A级纳税人" },
		{ DP_GOV, "诚信示范企业" }, { DP_NDRC, "信用建设示范单位" },
		{ DP_HRSS, "劳动保障守法诚信示范单位" }
	};
	static const char *const compulsion[] = {
		"查封涉案场所、设施或者财物", "扣押涉案物品", "冻结存款",
		"加处罚款"
	};
	const struct region *rg = &regions[e->region];
	const struct act *a = NULL;
	const char *kc = "";
	struct act tmp;
	uint64_t lo = 0, hi = 0;
	char *st;
	int dom;

	switch (type) {
	case T_COMPULSION:
		dom = pick_domain(e);
		r->f[C_DOMAIN] = domains[dom].name;
		tmp.dept = domains[dom].dept;
		tmp.text = PICK(&g.rng, compulsion);
		a = &tmp;
		kc = "强";
		break;
	case T_CONFIRMATION:
		a = &confirmation[rng_below(&g.rng, NELEM(confirmation))];
		kc = "确";
		break;
	case T_COLLECTION:
		a = &collection[rng_below(&g.rng, NELEM(collection))];
		kc = "征";
		lo = 100000;
		hi = 50000000;
		break;
	case T_PAYMENT:
		a = &payment[rng_below(&g.rng, NELEM(payment))];
		kc = "给";
		lo = 200000;
		hi = 20000000;
		break;
	case T_RULING:
		a = &ruling[rng_below(&g.rng, NELEM(ruling))];
		kc = "裁";
		break;
	case T_COMPENSATION:
		a = &compensation[rng_below(&g.rng, NELEM(compensation))];
		kc = "补";
		lo = 5000000;
		hi = 500000000;
		break;
	case T_REWARD:
		a = &reward[rng_below(&g.rng, NELEM(reward))];
		kc = "奖";
		break;
	default:
		a = &honor[rng_below(&g.rng, NELEM(honor))];
		kc = "荣";
		break;
	}
	set_authority(r, rg, a->dept);
	set_docno(r, rg, a->dept, kc, day);
	if (hi > 0) {
		st = fbegin(r);
		sb_hundredths(&r->b, lo + rng_below(&g.rng, hi - lo), 1);
		fend(r, C_AMOUNT, st);
	}
	st = fbegin(r);
	if (type == T_HONOR) {
		sb_u(&r->b, (uint64_t)year_of(day) - 1, 4);
		sb_s(&r->b, "年度");
	}
	sb_s(&r->b, a->text);
	decorate(&r->b);
	fend(r, C_CONTENT, st);
}

static void
make_inspection(struct row *r, const struct entity *e, long day, int type)
{
	static const char *const result[] = {
		"双随机抽查：未发现问题", "双随机抽查：发现问题，已责令整改",
		"专项检查：检查合格", "日常监督检查：基本符合",
		"日常监督检查：不符合，已立案调查"
	};
	const struct region *rg = &regions[e->region];
	int dom = pick_domain(e);
	char *st;

	r->f[C_DOMAIN] = domains[dom].name;
	set_authority(r, rg, domains[dom].dept);
	if (type == T_INSPECTION) {
		set_docno(r, rg, domains[dom].dept, "检", day);
		set_text(r, C_CONTENT, PICK(&g.rng, result));
		return;
	}
	set_docno(r, rg, domains[dom].dept, "约", day);
	set_date(r, C_DUE_ON, day + 15 + (long)rng_below(&g.rng, 46));
	st = fbegin(r);
	sb_s(&r->b, "约谈主要负责人，督促落实");
	sb_s(&r->b, domains[dom].phrase);
	sb_s(&r->b, "主体责任");
	decorate(&r->b);
	fend(r, C_CONTENT, st);
}

static void
make_judgment(struct row *r, const struct entity *e, long day)
{
	static const char *const cause[] = {
		"买卖合同纠纷", "借款合同纠纷", "劳动争议", "房屋租赁合同纠纷",
		"建设工程施工合同纠纷", "侵害商标权纠纷", "服务合同纠纷"
	};
	const struct region *rg = &regions[e->region];
	int dishonest = rng_below(&g.rng, 100) < 20;
	char *st;

	set_authority(r, rg, DP_COURT);
	st = fbegin(r);
	sb_s(&r->b, "（");
	sb_u(&r->b, (uint64_t)year_of(day), 4);
	sb_s(&r->b, "）");
	sb_s(&r->b, rg->abbr);
	sb_mem(&r->b, rg->code + 2, 4);
	sb_s(&r->b, dishonest || rng_below(&g.rng, 100) < 15 ? "执" : "民初");
	sb_u(&r->b, g.serial++, 1);
	sb_s(&r->b, "号");
	fend(r, C_DOC_NO, st);
	r->f[C_DISHONEST] = dishonest ? "true" : "false";
	set_text(r, C_CONTENT, PICK(&g.rng, cause));
}

static void
make_complaint(struct row *r, long day)
{
	static const char *const source[] = {
		"12315平台", "12315平台", "12345热线", "12345热线", "信访",
		"市长信箱"
	};
	static const char *const what[] = {
		"投诉商品质量问题", "投诉虚假宣传", "举报无证经营",
		"投诉拒不退款", "投诉噪声扰民", "反映拖欠工资",
		"投诉价格欺诈"
	};

	r->f[C_SOURCE] = PICK(&g.rng, source);
	set_serialno(r, "TS", day, 1);
	set_text(r, C_CONTENT, PICK(&g.rng, what));
}

static void
make_voluntary(struct row *r, long day)
{
	static const char *const what[] = {
		"自愿提供：ISO9001质量管理体系认证证书",
		"自愿提供：纳税信用等级证明", "自愿公示：无拖欠工资承诺",
		"自愿提供：社会保险缴纳证明", "自愿提供：环境管理体系认证证书"
	};

	set_serialno(r, "ZY", day, 0);
	r->f[C_CERTIFIED] = rng_below(&g.rng, 2) ? "true" : "false";
	set_text(r, C_CONTENT, PICK(&g.rng, what));
}

static void
make_education(struct row *r, const struct entity *e, long day)
{
	static const char *const what[] = {
		"参加信用修复专题培训", "完成信用修复在线学习",
		"参加诚信经营警示教育"
	};

	if (rng_below(&g.rng, 10) < 6) {
		set_authority(r, &regions[e->region], DP_NDRC);
		set_docno(r, &regions[e->region], DP_NDRC, "训", day);
	} else {
		set_serialno(r, "XF", day, 0);
	}
	if (rng_below(&g.rng, 10) < 7)
		set_text(r, C_CONTENT, PICK(&g.rng, what));
}

static void
put_cmid(struct row *r, int col, uint64_t n)
{
	char *st = fbegin(r);

	sb_s(&r->b, "CM");
	sb_u(&r->b, (n * 7654321u + g.cm_off) % 10000000000u, 10);
	fend(r, col, st);
}

static void
make_commitment(struct row *r, const struct entity *e, uint64_t ent,
    long day)
{
	static const int dept[] = {
		DP_SAMR, DP_SAMR, DP_NDRC, DP_TAX, DP_HOUSING, DP_HRSS
	};
	static const char *const what[] = {
		"信用承诺：依法诚信经营，自愿接受社会监督",
		"告知承诺：承诺在期限内补齐申请材料",
		"信用修复承诺：按期完成整改并消除不良影响",
		"证明事项告知承诺：承诺所填信息真实有效",
		"承诺按期补办消防验收手续"
	};
	struct pend p;
	uint64_t x, delay;
	int outcome;

	p.seq = g.ncommit++;
	put_cmid(r, C_ID, p.seq);
	p.dept = dept[rng_below(&g.rng, NELEM(dept))];
	set_authority(r, &regions[e->region], p.dept);
	p.cday = day;
	p.due = day + 30 + (long)rng_below(&g.rng, 151);
	set_date(r, C_DUE_ON, p.due);
	set_text(r, C_CONTENT, PICK(&g.rng, what));

	x = rng_below(&g.rng, 100);
	outcome = x < 70 ? 1 : x < 80 ? 2 : 0;
	if (opts.demo && g.kept < DEMO_QUOTA)
		outcome = 1;
	else if (opts.demo && g.broken < DEMO_QUOTA)
		outcome = 2;
	/* A broken promise is recorded after its due date, in the range. */
	if (outcome == 2 && p.due >= day_last)
		outcome = 0;
	delay = 1 + rng_below(&g.rng, g.maxdelay);
	if (outcome == 0 || g.nheap == HEAP_CAP)
		return;
	p.target = g.row + delay;
	p.ent = ent;
	p.kept = outcome == 1;
	heap_push(&p);
	if (p.target < g.nrec) {
		if (p.kept)
			g.kept++;
		else
			g.broken++;
	}
}

static void
make_followup(struct row *r, struct entity *e, const struct pend *p)
{
	static const char *const kept[] = {
		"已按承诺期限履行", "承诺事项已办结",
		"经核查已按期完成整改"
	};
	static const char *const broken[] = {
		"逾期未履行承诺", "未按承诺期限补齐材料，已撤销相关决定",
		"经核查承诺内容与实际不符"
	};
	const struct region *rg;
	long day, last;

	entity_make(p->ent, e);
	rg = &regions[e->region];
	if (p->kept) {
		last = p->due < day_last ? p->due : day_last;
		day = p->cday + (long)rng_below(&g.rng,
		    (uint64_t)(last - p->cday + 1));
	} else {
		day = p->due + 1 + (long)rng_below(&g.rng, 30);
		if (day > day_last)
			day = day_last;
	}
	set_common(r, e, p->kept ? T_KEPT : T_BROKEN, day);
	put_cmid(r, C_REF, p->seq);
	set_authority(r, rg, p->dept);
	set_docno(r, rg, p->dept, "诺", day);
	set_text(r, C_CONTENT, p->kept ? PICK(&g.rng, kept) :
	    PICK(&g.rng, broken));
}

static int
pick_type(void)
{
	int t;

	if (opts.demo && g.row % 3 == 0)
		for (t = 0; t < NTYPE; t++)
			if (type_weight[t] > 0 && g.count[t] < DEMO_QUOTA)
				return t;
	return rng_pick(&g.rng, type_weight, NTYPE);
}

static void
make_fresh(struct row *r, struct entity *e, int type, uint64_t ent, long day)
{
	set_common(r, e, type, day);
	switch (type) {
	case T_LICENSE:
		make_license(r, e, day);
		break;
	case T_PENALTY:
		make_penalty(r, e, day);
		break;
	case T_INSPECTION:
	case T_INTERVIEW:
		make_inspection(r, e, day, type);
		break;
	case T_COMMITMENT:
		make_commitment(r, e, ent, day);
		break;
	case T_COMPLAINT:
		make_complaint(r, day);
		break;
	case T_JUDGMENT:
		make_judgment(r, e, day);
		break;
	case T_VOLUNTARY:
		make_voluntary(r, day);
		break;
	case T_EDUCATION:
		make_education(r, e, day);
		break;
	default:
		make_act(r, e, day, type);
		break;
	}
}

/* The first individual business, else entity 0: its owner's ID misused. */
static void
bad_id_uscc(struct entity *e, char *out)
{
	uint64_t i;
	long birth;
	unsigned seq;
	char body[9];

	for (i = 0; i < g.nent; i++) {
		entity_make(i, e);
		if (e->kind == K_INDIVIDUAL)
			break;
	}
	if (i == g.nent)
		entity_make(0, e);
	for (birth = e->birth;; birth++) {
		for (seq = 1; seq < 1000; seq++) {
			id_make(out, e->legal_rep_id, birth, seq);
			memcpy(body, out + 8, 8);
			if (uscc_check(out) == out[17] &&
			    org_check(body) != out[16])
				return;
		}
	}
}

/*
 * Demo only: six rows that a loader must reject, one fault each, written
 * after the good rows.
 */
static void
write_bad_rows(struct row *r)
{
	struct entity e;
	char u[19];
	long day;
	int k, pos;

	for (k = 0; k < 6; k++) {
		row_reset(r);
		if (k == 5)
			bad_id_uscc(&e, u);
		else
			entity_make(pick_entity(), &e);
		day = day_first + (long)rng_below(&g.rng,
		    (uint64_t)(day_last - day_first + 1));
		if (k == 1)
			day = days_from_civil(2025, 2, 28);
		set_common(r, &e, T_PENALTY, day);
		make_penalty(r, &e, day);
		switch (k) {
		case 0:
			memcpy(u, e.uscc, 19);
			pos = a31_value[(unsigned char)u[17]];
			pos += 1 + (int)rng_below(&g.rng, 30);
			u[17] = A31[pos % 31];
			r->f[C_USCC] = u;
			break;
		case 1:
			r->f[C_DECIDED_ON] = "2025-02-30";
			break;
		case 2:
			r->f[C_TYPE] = "penality";
			break;
		case 3:
			r->f[C_DOC_NO] = "";
			break;
		case 4:
			r->f[C_SEVERITY] = "severe";
			break;
		default:
			r->f[C_USCC] = u;
			break;
		}
		write_row(rcol_name, r->f, NRCOL);
	}
}

static void
write_records(uint64_t nrec, uint64_t nent)
{
	static struct row row;
	struct row *r = &row;
	struct entity e;
	struct pend p;
	uint64_t ent;
	long day;
	int type;

	gen_init(nrec, nent);
	write_header(rcol_name, NRCOL);
	for (g.row = 0; g.row < nrec; g.row++) {
		row_reset(r);
		if (g.nheap > 0 && g.heap[0].target <= g.row) {
			p = heap_pop();
			make_followup(r, &e, &p);
			type = p.kept ? T_KEPT : T_BROKEN;
		} else {
			type = pick_type();
			ent = pick_entity();
			entity_make(ent, &e);
			day = day_first + (long)rng_below(&g.rng,
			    (uint64_t)(day_last - day_first + 1));
			make_fresh(r, &e, type, ent, day);
		}
		g.count[type]++;
		write_row(rcol_name, r->f, NRCOL);
	}
	if (opts.demo)
		write_bad_rows(r);
}

static void
write_entities(uint64_t nent)
{
	struct entity e;
	char reg[11];
	const char *f[NECOL];
	uint64_t i;

	write_header(ecol_name, NECOL);
	for (i = 0; i < nent; i++) {
		struct sb b = { reg, reg + sizeof(reg) };

		entity_make(i, &e);
		sb_date(&b, e.registered);
		reg[10] = '\0';
		f[E_USCC] = e.uscc;
		f[E_NAME] = e.name;
		f[E_KIND] = kind_name[e.kind];
		f[E_REGION] = regions[e.region].code;
		f[E_INDUSTRY] = industries[e.industry].code;
		f[E_LEGAL_REP] = e.legal_rep;
		f[E_LEGAL_REP_ID] = e.legal_rep_id;
		f[E_REGISTERED_ON] = reg;
		f[E_STATUS] = status_name[e.status];
		write_row(ecol_name, f, NECOL);
	}
}

/* Command line parsing. */
enum {
	OPT_SEED = 0x100,
	OPT_FORMAT,
	OPT_DEMO
};

static const struct argp_option options[] = {
	{ "seed", OPT_SEED, "N", 0,
	    "seed of the generator, 0 to 2^64-1 (default 1)", 0 },
	{ "format", OPT_FORMAT, "FMT", 0,
	    "csv (default) or ndjson", 0 },
	{ "demo", OPT_DEMO, NULL, 0,
	    "the demo set: 3000 records over 300 entities, every type, "
	    "then six bad rows", 0 },
	{ NULL, 'h', NULL, OPTION_HIDDEN, NULL, 0 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static const char doc[] =
    "Write deterministic test data for cs: credit records or the entity "
    "register."
    "\v"
    "records N writes N records over max(N/5, 1) entities (N/10 with "
    "--demo); entities N writes those entities, so call both with the same "
    "N.  N defaults to 1000000 (3000 with --demo).  The same arguments "
    "give the same bytes.\n\n"
    "Examples:\n"
    "  gen records 1000000 > records.csv; gen entities 1000000 > entities.csv\n"
    "  gen --demo --format=ndjson records | grep -c commitment_broken\n\n"
    "Exit status: 0 success, 64 usage error, 74 write error.";

static const char args_doc[] = "records [N]\nentities [N]";

static int
parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'h':
		argp_state_help(state, stdout, ARGP_HELP_STD_HELP);
		break;
	case OPT_SEED:
		if (parse_u64(arg, UINT64_MAX, &opts.seed) < 0)
			argp_error(state, "invalid --seed '%s'", arg);
		break;
	case OPT_FORMAT:
		if (strcmp(arg, "csv") == 0)
			opts.ndjson = 0;
		else if (strcmp(arg, "ndjson") == 0)
			opts.ndjson = 1;
		else
			argp_error(state, "invalid --format '%s'", arg);
		break;
	case OPT_DEMO:
		opts.demo = 1;
		break;
	case ARGP_KEY_ARG:
		if (state->arg_num == 0) {
			if (strcmp(arg, "records") == 0)
				opts.what = W_RECORDS;
			else if (strcmp(arg, "entities") == 0)
				opts.what = W_ENTITIES;
			else
				argp_error(state, "unknown command '%s'", arg);
			opts.have_what = 1;
		} else if (state->arg_num == 1) {
			if (parse_u64(arg, MAX_N, &opts.n) < 0)
				argp_error(state, "invalid count '%s' "
				    "(0 to %d)", arg, MAX_N);
			opts.have_n = 1;
		} else {
			argp_error(state, "too many arguments");
		}
		break;
	case ARGP_KEY_END:
		if (!opts.have_what)
			argp_error(state, "missing command: records or "
			    "entities");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { options, parse_opt, args_doc, doc, NULL,
	NULL, NULL };

int
main(int argc, char **argv)
{
	uint64_t n, nent;
	int k;

	/* Messages say "gen: ...", also those getopt prints from argv[0]. */
	program_invocation_name = program_invocation_short_name;
	if (argc > 0)
		argv[0] = program_invocation_short_name;
	argp_err_exit_status = EX_USAGE;
	if (argp_parse(&argp, argc, argv, 0, NULL, NULL) != 0)
		return EX_USAGE;
	for (k = 0; k < 256; k++)
		a31_value[k] = -1;
	for (k = 0; k < 31; k++)
		a31_value[(unsigned char)A31[k]] = (signed char)k;
	day_reg_first = days_from_civil(1995, 1, 1);
	day_first = days_from_civil(2023, 1, 1);
	day_last = days_from_civil(2026, 10, 31);
	entity_init(opts.seed);

	n = opts.have_n ? opts.n : opts.demo ? DEMO_N : DEFAULT_N;
	nent = n / (opts.demo ? 10 : 5);
	if (nent < 1)
		nent = 1;
	if (opts.what == W_RECORDS)
		write_records(n, nent);
	else
		write_entities(nent);
	out_flush();
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0)
		die_write();
	return 0;
}
