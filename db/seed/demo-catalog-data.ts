/**
 * The demo convenience-store shelf, by category: [English name, Japanese name, tax-inclusive yen].
 * Brands are invented. Order matters: an item's JAN is derived from its position (demo-catalog.ts),
 * so append new items at the end of a list to keep existing codes stable.
 */
import type { Category } from '../../core/domain/catalog-item.js';

export type ShelfEntry = readonly [name: string, nameJa: string, price: number];

export interface Shelf {
  category: Category;
  /** The first 12 digits of the JAN of the entry at this index; the check digit is appended later. */
  codeStem: (index: number) => string;
  entries: readonly ShelfEntry[];
}

/** Country prefix 45/49 + a fictional 5-digit maker code + a 5-digit item reference. */
function maker(prefix: '45' | '49', makerCode: string): (index: number) => string {
  return (index) => `${prefix}${makerCode}${String((index + 1) * 10).padStart(5, '0')}`;
}

/** Periodical JAN: 491 + 0 + 5-digit magazine code + issue month (05) + last digit of the year (6). */
function periodical(index: number): string {
  return `4910${String(20100 + index * 13).padStart(5, '0')}056`;
}

const ONIGIRI: ShelfEntry[] = [
  ['Onigiri Salmon', 'おにぎり 鮭', 160],
  ['Onigiri Tuna Mayo', 'おにぎり ツナマヨネーズ', 140],
  ['Onigiri Pickled Plum', 'おにぎり 紀州南高梅', 150],
  ['Onigiri Kelp', 'おにぎり 昆布', 130],
  ['Onigiri Spicy Cod Roe', 'おにぎり 辛子明太子', 170],
  ['Onigiri Cod Roe', 'おにぎり たらこ', 160],
  ['Onigiri Salted Kelp Rice', 'おにぎり 塩昆布ご飯', 140],
  ['Onigiri Chicken Rice', 'おにぎり 鶏五目', 150],
  ['Onigiri Red Rice', 'おにぎり 赤飯', 150],
  ['Onigiri Shrimp Mayo', 'おにぎり えびマヨネーズ', 170],
  ['Onigiri Bonito Flakes', 'おにぎり おかか', 130],
  ['Onigiri Grilled Salmon Harasu', 'おにぎり 焼鮭ハラミ', 220],
  ['Onigiri Pork Miso', 'おにぎり 豚みそ', 180],
  ['Onigiri Salt', 'おにぎり 塩むすび', 120],
  ['Onigiri Fried Chicken', 'おにぎり 唐揚げ', 190],
  ['Onigiri Ikura', 'おにぎり いくら醤油漬', 280],
  ['Onigiri Tenmusu', '天むす', 200],
  ['Onigiri Takana', 'おにぎり 高菜', 140],
];

const BENTO: ShelfEntry[] = [
  ['Makunouchi Bento', '幕の内弁当', 598],
  ['Karaage Bento', '唐揚げ弁当', 550],
  ['Nori Bento', 'のり弁当', 450],
  ['Hamburg Steak Bento', 'ハンバーグ弁当', 598],
  ['Ginger Pork Bento', '豚生姜焼き弁当', 580],
  ['Grilled Salmon Bento', '焼鮭弁当', 620],
  ['Beef Rice Bowl', '牛丼', 498],
  ['Katsu Curry', 'カツカレー', 650],
  ['Pork Cutlet Bowl', 'かつ丼', 598],
  ['Chicken Nanban Bento', 'チキン南蛮弁当', 598],
  ['Spaghetti Napolitan', 'ナポリタン', 480],
  ['Cold Soba', 'ざるそば', 420],
  ['Hiyashi Chuka', '冷やし中華', 530],
  ['Yakisoba', '焼きそば', 450],
  ['Mixed Sandwich', 'ミックスサンド', 348],
  ['Egg Sandwich', 'たまごサンド', 298],
];

const BAKERY: ShelfEntry[] = [
  ['Melon Pan', 'メロンパン', 160],
  ['Curry Pan', 'カレーパン', 170],
  ['Anpan', 'あんぱん', 150],
  ['Cream Pan', 'クリームパン', 150],
  ['Yakisoba Pan', '焼きそばパン', 190],
  ['Chocolate Cornet', 'チョココロネ', 160],
  ['Croissant 2 pcs', 'クロワッサン 2個入', 198],
  ['Sliced Bread 6 slices', '食パン 6枚切', 228],
  ['Ham and Cheese Roll', 'ハムチーズロール', 180],
  ['Sausage Roll', 'ソーセージパン', 170],
  ['Cinnamon Roll', 'シナモンロール', 180],
  ['Castella Slice', 'カステラ', 220],
  ['Bean Paste Donut', 'あんドーナツ', 140],
  ['Egg Salad Roll', 'たまごロール', 210],
  ['Butter Roll 4 pcs', 'バターロール 4個入', 178],
];

const SNACKS: ShelfEntry[] = [
  ['Potato Chips Lightly Salted', 'ポテトチップス うすしお味', 158],
  ['Potato Chips Consomme', 'ポテトチップス コンソメ', 158],
  ['Potato Chips Seaweed Salt', 'ポテトチップス のりしお', 158],
  ['Kaki no Tane', '柿の種', 198],
  ['Rice Crackers Soy', '醤油せんべい', 238],
  ['Corn Snack', 'コーンスナック', 98],
  ['Shrimp Crackers', 'えびせん', 148],
  ['Mixed Nuts', 'ミックスナッツ', 298],
  ['Dried Squid', 'さきいか', 348],
  ['Beef Jerky', 'ビーフジャーキー', 398],
  ['Popcorn Butter', 'ポップコーン バター醤油', 148],
  ['Pretzel Sticks', 'プレッツェル', 138],
  ['Cheese Crackers', 'チーズクラッカー', 168],
  ['Edamame Snack', '枝豆スナック', 128],
  ['Seaweed Snack', '韓国のり', 168],
  ['Rice Puff Curry', 'カレーあられ', 148],
  ['Smoked Cheese', 'スモークチーズ', 248],
  ['Fried Chicken Skin', '鶏皮揚げ', 198],
];

const SWEETS: ShelfEntry[] = [
  ['Milk Chocolate Bar', 'ミルクチョコレート', 128],
  ['Dark Chocolate Bar', 'ハイカカオチョコレート', 248],
  ['Chocolate Sticks', 'チョコレートスティック', 178],
  ['Gummy Grape', 'グミ ぶどう', 128],
  ['Gummy Lemon', 'グミ レモン', 128],
  ['Hard Candy Mix', 'フルーツキャンディ', 198],
  ['Mint Tablets', 'ミントタブレット', 220],
  ['Chewing Gum Lime', 'ガム ライム', 140],
  ['Custard Pudding', 'カスタードプリン', 178],
  ['Roll Cake', 'ロールケーキ', 250],
  ['Cream Puff', 'シュークリーム', 150],
  ['Mochi Daifuku', '豆大福', 160],
  ['Dorayaki', 'どら焼き', 170],
  ['Matcha Ice Cream', '抹茶アイス', 260],
  ['Vanilla Ice Bar', 'バニラアイスバー', 160],
  ['Shaved Ice Cup', 'かき氷 いちご', 180],
  ['Warabi Mochi', 'わらび餅', 220],
  ['Cheesecake Slice', 'チーズケーキ', 298],
];

const DRINKS: ShelfEntry[] = [
  ['Green Tea 500ml', '緑茶 500ml', 150],
  ['Green Tea 2L', '緑茶 2L', 278],
  ['Barley Tea 600ml', '麦茶 600ml', 140],
  ['Oolong Tea 500ml', 'ウーロン茶 500ml', 150],
  ['Jasmine Tea 500ml', 'ジャスミン茶 500ml', 150],
  ['Black Tea Straight 500ml', '紅茶 ストレート 500ml', 160],
  ['Milk Tea 500ml', 'ミルクティー 500ml', 160],
  ['Mineral Water 550ml', '天然水 550ml', 110],
  ['Mineral Water 2L', '天然水 2L', 168],
  ['Sparkling Water 500ml', '強炭酸水 500ml', 120],
  ['Cola 500ml', 'コーラ 500ml', 170],
  ['Lemon Soda 500ml', 'レモンソーダ 500ml', 160],
  ['Ramune 200ml', 'ラムネ 200ml', 140],
  ['Orange Juice 100% 1L', 'オレンジジュース 100% 1L', 258],
  ['Apple Juice 100% 500ml', 'りんごジュース 100% 500ml', 178],
  ['Sports Drink 500ml', 'スポーツドリンク 500ml', 160],
  ['Energy Drink 250ml', 'エナジードリンク 250ml', 228],
  ['Vitamin Drink 100ml', '栄養ドリンク 100ml', 198],
  ['Calpis-style Yogurt Soda 500ml', '乳酸菌ソーダ 500ml', 160],
  ['Vegetable Juice 200ml', '野菜ジュース 200ml', 108],
  ['Soy Milk 200ml', '豆乳 200ml', 98],
  ['Hot Lemon 280ml', 'ホットレモン 280ml', 150],
  ['Corn Soup Can 185g', 'コーンスープ 185g', 140],
  ['Grape Soda 500ml', 'グレープソーダ 500ml', 160],
  ['Ginger Ale 500ml', 'ジンジャーエール 500ml', 160],
];

const COFFEE: ShelfEntry[] = [
  ['Hot Coffee S', 'ホットコーヒー S', 120],
  ['Hot Coffee L', 'ホットコーヒー L', 180],
  ['Iced Coffee S', 'アイスコーヒー S', 120],
  ['Iced Coffee L', 'アイスコーヒー L', 180],
  ['Cafe Latte S', 'カフェラテ S', 180],
  ['Cafe Latte L', 'カフェラテ L', 250],
  ['Canned Coffee Black 185g', '缶コーヒー ブラック 185g', 130],
  ['Canned Coffee Milk 185g', '缶コーヒー 微糖 185g', 130],
  ['Bottled Coffee Black 500ml', 'ボトルコーヒー ブラック 500ml', 168],
  ['Bottled Latte 500ml', 'ボトルカフェラテ 500ml', 178],
  ['Chilled Cup Latte 240ml', 'チルドカップ カフェラテ 240ml', 198],
  ['Instant Coffee Sticks 10', 'スティックコーヒー 10本', 398],
];

const DAIRY: ShelfEntry[] = [
  ['Milk 1L', '牛乳 1L', 268],
  ['Milk 500ml', '牛乳 500ml', 158],
  ['Low-fat Milk 1L', '低脂肪乳 1L', 228],
  ['Coffee Milk 500ml', 'コーヒー牛乳 500ml', 158],
  ['Plain Yogurt 400g', 'プレーンヨーグルト 400g', 198],
  ['Drinking Yogurt 180g', 'のむヨーグルト 180g', 138],
  ['Strawberry Yogurt 70g x4', 'いちごヨーグルト 4個', 178],
  ['Greek Yogurt 100g', 'ギリシャヨーグルト 100g', 168],
  ['Processed Cheese Slices', 'スライスチーズ 7枚', 298],
  ['Butter 200g', 'バター 200g', 498],
  ['Eggs 6 pcs', '卵 6個入', 248],
  ['Boiled Egg 2 pcs', '味付たまご 2個', 168],
  ['Lactic Acid Drink 65ml x5', '乳酸菌飲料 5本', 218],
  ['Tofu 150g x3', '絹豆腐 3個', 148],
];

/** Magazines use JAN periodical codes (4910 + magazine code + month + year digit). */
const MAGAZINES: ShelfEntry[] = [
  ['Weekly Shonen Rocket', '週刊少年ロケット', 300],
  ['Weekly Young Comet', '週刊ヤングコメット', 420],
  ['Monthly Game Press', '月刊ゲームプレス', 890],
  ['Auto Journal', 'オートジャーナル', 650],
  ['Weekly News Digest', '週刊ニュースダイジェスト', 480],
  ['Fashion Note', 'ファッションノート', 880],
  ['Cooking Life', 'クッキングライフ', 690],
  ['Town Walker Tokyo', 'タウンウォーカー東京', 750],
  ['Baseball Monthly', 'ベースボールマンスリー', 980],
  ['Puzzle Square', 'パズルスクエア', 480],
  ['Anime Fan Monthly', '月刊アニメファン', 1100],
  ['Business Navigator', 'ビジネスナビゲーター', 800],
];

const ALCOHOL: ShelfEntry[] = [
  ['Hoshi Lager 350ml', 'ホシ ラガー 350ml', 238],
  ['Hoshi Lager 500ml', 'ホシ ラガー 500ml', 298],
  ['Aozora Dry 350ml', 'アオゾラ ドライ 350ml', 228],
  ['Aozora Dry 500ml', 'アオゾラ ドライ 500ml', 288],
  ['Kinpa Premium Malt 350ml', '金波 プレミアムモルト 350ml', 258],
  ['Yukiguni Happoshu 350ml', '雪国 発泡酒 350ml', 178],
  ['Yukiguni Happoshu 500ml', '雪国 発泡酒 500ml', 238],
  ['Third Beer Sora 350ml', '新ジャンル ソラ 350ml', 148],
  ['Lemon Chuhai 9% 350ml', 'ストロングレモンサワー 350ml', 158],
  ['Lemon Chuhai 9% 500ml', 'ストロングレモンサワー 500ml', 218],
  ['Grapefruit Chuhai 350ml', 'グレープフルーツサワー 350ml', 158],
  ['Highball Can 350ml', 'ハイボール 350ml', 198],
  ['Highball Can 500ml', 'ハイボール 500ml', 268],
  ['Ume Shu 300ml', '梅酒 300ml', 498],
  ['Junmai Sake 300ml', '純米酒 300ml', 528],
  ['Ginjo Sake 720ml', '吟醸酒 720ml', 1480],
  ['One Cup Sake 180ml', 'カップ酒 180ml', 248],
  ['Imo Shochu 900ml', '芋焼酎 900ml', 1180],
  ['Mugi Shochu 200ml', '麦焼酎 200ml', 398],
  ['Red Wine 720ml', '赤ワイン 720ml', 698],
  ['White Wine 720ml', '白ワイン 720ml', 698],
  ['Japanese Whisky 180ml', 'ウイスキー 180ml', 680],
  ['Japanese Whisky 700ml', 'ウイスキー 700ml', 1980],
  ['Craft IPA 350ml', 'クラフトIPA 350ml', 328],
];

/** Packs of 20; cartons (10 packs) come after. Brand names are invented. */
const TOBACCO_PACKS: ShelfEntry[] = [
  ['Hoshizora Blue 20', 'ホシゾラ ブルー 20本', 580],
  ['Hoshizora Blue One 20', 'ホシゾラ ブルー ワン 20本', 580],
  ['Hoshizora Menthol 20', 'ホシゾラ メンソール 20本', 580],
  ['Tsukiyo Original 20', 'ツキヨ オリジナル 20本', 600],
  ['Tsukiyo Lights 20', 'ツキヨ ライト 20本', 600],
  ['Tsukiyo Box 14mg 20', 'ツキヨ ボックス 14mg 20本', 600],
  ['Kazeno Super Lights 20', 'カゼノ スーパーライト 20本', 560],
  ['Kazeno One 20', 'カゼノ ワン 20本', 560],
  ['Kazeno Menthol 8 20', 'カゼノ メンソール 8 20本', 560],
  ['Asahino Gold 20', 'アサヒノ ゴールド 20本', 540],
  ['Asahino Red 20', 'アサヒノ レッド 20本', 540],
  ['Harumi Slim 20', 'ハルミ スリム 20本', 520],
  ['Harumi Slim Menthol 20', 'ハルミ スリム メンソール 20本', 520],
  ['Kumo Smooth 20', 'クモ スムース 20本', 500],
  ['Kumo Smooth 6 20', 'クモ スムース 6 20本', 500],
  ['Ginga Classic 20', 'ギンガ クラシック 20本', 590],
  ['Ginga Ice Burst 20', 'ギンガ アイスバースト 20本', 590],
  ['Minato Filter 20', 'ミナト フィルター 20本', 480],
  ['Minato Long 20', 'ミナト ロング 20本', 490],
  ['Yozakura Premium 20', 'ヨザクラ プレミアム 20本', 600],
  ['Yozakura Menthol 20', 'ヨザクラ メンソール 20本', 600],
  ['Sazanami Light 20', 'サザナミ ライト 20本', 510],
  ['Sazanami 1mg 20', 'サザナミ 1mg 20本', 510],
  ['Kohaku Mild 20', 'コハク マイルド 20本', 550],
];

const TOBACCO_CARTON_OF = [0, 3, 9, 11, 16, 19] as const;

const TOBACCO: ShelfEntry[] = [
  ...TOBACCO_PACKS,
  ...TOBACCO_CARTON_OF.map((i): ShelfEntry => {
    const [name, nameJa, price] = TOBACCO_PACKS[i]!;
    return [`${name} carton (10 packs)`, `${nameJa.replace(/ 20本$/, '')} カートン(10個入)`, price * 10];
  }),
];

const DAILY_GOODS: ShelfEntry[] = [
  ['Tissue Box 5 pack', 'ボックスティッシュ 5箱', 398],
  ['Pocket Tissue 10 pack', 'ポケットティッシュ 10個', 158],
  ['Toilet Paper 4 rolls', 'トイレットペーパー 4ロール', 298],
  ['Toothbrush', '歯ブラシ', 198],
  ['Toothpaste 120g', '歯みがき粉 120g', 268],
  ['Shampoo Travel 50ml', 'シャンプー ミニ 50ml', 330],
  ['Hand Soap 250ml', 'ハンドソープ 250ml', 298],
  ['Face Mask 7 pcs', 'マスク 7枚', 298],
  ['Wet Wipes 40', 'ウェットティッシュ 40枚', 198],
  ['Disposable Razor 3', '使い捨てカミソリ 3本', 348],
  ['AA Batteries 4', '単3電池 4本', 498],
  ['AAA Batteries 4', '単4電池 4本', 498],
  ['USB-C Cable 1m', 'USB-Cケーブル 1m', 1480],
  ['Ballpoint Pen Black', 'ボールペン 黒', 150],
  ['Clear Umbrella 65cm', 'ビニール傘 65cm', 700],
  ['Lighter', 'ライター', 130],
  ['Garbage Bags 45L 10', 'ゴミ袋 45L 10枚', 248],
  ['Plastic Bag L', 'レジ袋 L', 5],
  ['Envelope Set', '封筒セット', 220],
  ['Bandages 10', '絆創膏 10枚', 298],
  ['Heat Pack', '使い捨てカイロ', 98],
  ['Dish Detergent 240ml', '台所用洗剤 240ml', 198],
];

export const SHELVES: readonly Shelf[] = [
  { category: 'onigiri', codeStem: maker('49', '87301'), entries: ONIGIRI },
  { category: 'bento', codeStem: maker('49', '87302'), entries: BENTO },
  { category: 'bakery', codeStem: maker('49', '87303'), entries: BAKERY },
  { category: 'snacks', codeStem: maker('45', '91204'), entries: SNACKS },
  { category: 'sweets', codeStem: maker('45', '91205'), entries: SWEETS },
  { category: 'drinks', codeStem: maker('49', '62106'), entries: DRINKS },
  { category: 'coffee', codeStem: maker('49', '62107'), entries: COFFEE },
  { category: 'dairy', codeStem: maker('45', '73808'), entries: DAIRY },
  { category: 'magazines', codeStem: periodical, entries: MAGAZINES },
  { category: 'alcohol', codeStem: maker('49', '55409'), entries: ALCOHOL },
  { category: 'tobacco', codeStem: maker('45', '66010'), entries: TOBACCO },
  { category: 'daily-goods', codeStem: maker('45', '80711'), entries: DAILY_GOODS },
];
