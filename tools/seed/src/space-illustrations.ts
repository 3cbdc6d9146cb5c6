import type { SpaceKind } from './seed-model';

/**
 * Flat drawings of each kind of space, so that a seeded space has a picture like one its manager would upload.
 * They are our own work, drawn here as SVG (no text: fonts differ between machines, shapes do not), in the
 * colours of the département's theme (apps/web/public/config.json) and tints of them. Each alt text says it is
 * an illustration: nobody should take it for a photo of the real room.
 */

/** The size every drawing is rendered at: 3:2, as wide as the largest stored rendition. */
export const ILLUSTRATION_WIDTH = 1200;
export const ILLUSTRATION_HEIGHT = 800;

const C = {
  primary: '#0b4f6c',
  secondary: '#a23b00',
  wall: '#e7eef1',
  wallShade: '#cfdde4',
  glass: '#b6cdd8',
  floor: '#f2e0d3',
  wood: '#d9a27f',
  white: '#ffffff',
} as const;

type Attributes = Record<string, string | number>;

const attributes = (attrs: Attributes) =>
  Object.entries(attrs)
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
const rect = (x: number, y: number, width: number, height: number, fill: string, more: Attributes = {}) =>
  `<rect ${attributes({ x, y, width, height, fill, ...more })}/>`;
const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, width = 6) =>
  `<line ${attributes({ x1, y1, x2, y2, stroke, 'stroke-width': width, 'stroke-linecap': 'round' })}/>`;
const ellipse = (cx: number, cy: number, rx: number, ry: number, more: Attributes) =>
  `<ellipse ${attributes({ cx, cy, rx, ry, ...more })}/>`;
const repeat = (count: number, draw: (index: number) => string) =>
  Array.from({ length: count }, (_, i) => draw(i)).join('');

/** A wall down to `horizon`, a floor below. */
const room = (horizon: number, floor: string = C.floor) =>
  rect(0, 0, ILLUSTRATION_WIDTH, horizon, C.wall) + rect(0, horizon, ILLUSTRATION_WIDTH, 800 - horizon, floor);

const windowAt = (x: number, y: number, width: number, height: number) =>
  rect(x, y, width, height, C.glass, { stroke: C.primary, 'stroke-width': 8 }) +
  line(x + width / 2, y, x + width / 2, y + height, C.primary, 6);

/** A chair seen from the front, `scale` 1 near the bottom of the picture. */
const chair = (x: number, y: number, scale: number, colour: string = C.primary) =>
  rect(x, y, 50 * scale, 50 * scale, colour, { rx: 6 * scale }) +
  rect(x - 4 * scale, y + 48 * scale, 58 * scale, 14 * scale, colour, { rx: 4 * scale });

const desk = (x: number, y: number) =>
  rect(x, y, 220, 22, C.wood, { rx: 4 }) +
  rect(x + 12, y + 22, 12, 90, C.primary) +
  rect(x + 196, y + 22, 12, 90, C.primary);

const gymnasium = () =>
  room(520, C.wood) +
  repeat(5, (i) => windowAt(70 + i * 220, 50, 170, 110)) +
  // Wall bars on the left.
  repeat(5, (i) => line(70 + i * 45, 230, 70 + i * 45, 520, C.primary, 10)) +
  repeat(7, (i) => line(60, 250 + i * 42, 260, 250 + i * 42, C.primary, 8)) +
  // Basketball backboard, hoop and net.
  rect(720, 210, 260, 160, C.white, { stroke: C.primary, 'stroke-width': 10 }) +
  rect(800, 280, 100, 70, 'none', { stroke: C.secondary, 'stroke-width': 8 }) +
  ellipse(850, 385, 55, 12, { fill: 'none', stroke: C.secondary, 'stroke-width': 10 }) +
  repeat(5, (i) => line(800 + i * 25, 390, 815 + i * 17, 450, C.white, 4)) +
  // Court lines and a ball.
  line(0, 600, 1200, 600, C.white, 8) +
  ellipse(600, 700, 220, 60, { fill: 'none', stroke: C.white, 'stroke-width': 8 }) +
  line(600, 600, 600, 800, C.white, 8) +
  `<circle cx="300" cy="700" r="42" fill="${C.secondary}"/>` +
  line(258, 700, 342, 700, C.primary, 4) +
  line(300, 658, 300, 742, C.primary, 4);

const multipurposeHall = () =>
  room(430) +
  // A stage at the back, its curtains open.
  rect(280, 70, 640, 300, C.wallShade) +
  rect(280, 40, 640, 50, C.primary) +
  rect(280, 90, 110, 280, C.secondary) +
  rect(810, 90, 110, 280, C.secondary) +
  rect(250, 370, 700, 70, C.wood) +
  windowAt(40, 100, 160, 220) +
  windowAt(1000, 100, 160, 220) +
  // Rows of chairs facing it, larger as they come closer.
  repeat(7, (i) => chair(240 + i * 110, 480, 0.9)) +
  repeat(7, (i) => chair(200 + i * 125, 580, 1.05)) +
  repeat(6, (i) => chair(230 + i * 150, 690, 1.2));

const classroom = () =>
  room(500) +
  // Whiteboard with a few lines written on it.
  rect(160, 110, 600, 280, C.white, { stroke: C.primary, 'stroke-width': 12 }) +
  rect(180, 390, 560, 14, C.primary) +
  line(220, 170, 520, 170, C.secondary, 8) +
  line(220, 220, 640, 220, C.primary, 6) +
  line(220, 265, 580, 265, C.primary, 6) +
  line(220, 310, 460, 310, C.primary, 6) +
  windowAt(880, 90, 120, 300) +
  windowAt(1040, 90, 120, 300) +
  // Two rows of desks with their chairs.
  repeat(3, (i) => desk(150 + i * 330, 540)) +
  repeat(3, (i) => chair(230 + i * 330, 590, 0.9, C.secondary)) +
  repeat(3, (i) => desk(110 + i * 380, 660)) +
  repeat(3, (i) => chair(190 + i * 380, 712, 1.1, C.secondary));

const auditorium = () =>
  rect(0, 0, 1200, 800, C.wallShade) +
  // Screen above the stage, curtains on both sides.
  rect(330, 50, 540, 230, C.white, { stroke: C.primary, 'stroke-width': 10 }) +
  rect(180, 30, 120, 330, C.secondary) +
  rect(900, 30, 120, 330, C.secondary) +
  rect(120, 330, 960, 60, C.wood) +
  // Tiered rows of seats, nearer rows larger and lower.
  repeat(4, (row) => {
    const y = 420 + row * 95;
    const size = 44 + row * 8;
    const count = 11 - row;
    const step = 1100 / count;
    return (
      rect(0, y + size - 6, 1200, 800 - y, row % 2 === 0 ? C.wall : C.glass) +
      repeat(count, (i) => rect(50 + i * step, y, size * 1.3, size, C.primary, { rx: size / 4 }))
    );
  });

const bunkBed = (x: number) =>
  rect(x, 200, 16, 520, C.primary) +
  rect(x + 344, 200, 16, 520, C.primary) +
  rect(x + 16, 330, 328, 40, C.white) +
  rect(x + 16, 350, 328, 30, C.secondary) +
  rect(x + 16, 600, 328, 40, C.white) +
  rect(x + 16, 620, 328, 30, C.secondary) +
  rect(x + 30, 306, 90, 30, C.white, { rx: 10 }) +
  rect(x + 30, 576, 90, 30, C.white, { rx: 10 }) +
  rect(x + 16, 380, 328, 12, C.primary) +
  rect(x + 16, 650, 328, 12, C.primary) +
  // Its ladder.
  line(x + 300, 392, x + 300, 600, C.primary, 8) +
  repeat(4, (i) => line(x + 300, 430 + i * 45, x + 340, 430 + i * 45, C.primary, 6));

const boarding = () =>
  room(560) +
  windowAt(500, 90, 200, 240) +
  rect(460, 70, 40, 290, C.secondary) +
  rect(700, 70, 40, 290, C.secondary) +
  bunkBed(80) +
  bunkBed(760) +
  // A bedside table between the beds.
  rect(520, 560, 160, 150, C.wood, { rx: 8 }) +
  line(540, 635, 660, 635, C.primary, 6);

const meetingRoom = () =>
  room(480) +
  // A screen on the wall and a plant in the corner.
  rect(390, 80, 420, 240, C.white, { stroke: C.primary, 'stroke-width': 10 }) +
  line(430, 250, 520, 170, C.secondary, 8) +
  line(520, 170, 620, 220, C.secondary, 8) +
  line(620, 220, 770, 130, C.secondary, 8) +
  windowAt(60, 90, 220, 260) +
  rect(1030, 380, 90, 100, C.secondary, { rx: 10 }) +
  ellipse(1075, 330, 70, 70, { fill: C.primary }) +
  // Chairs behind a long table, and two in front.
  repeat(5, (i) => chair(250 + i * 150, 440, 1.2)) +
  rect(160, 540, 880, 60, C.wood, { rx: 30 }) +
  rect(220, 600, 20, 130, C.primary) +
  rect(960, 600, 20, 130, C.primary) +
  chair(330, 640, 1.6) +
  chair(790, 640, 1.6);

const otherSpace = () =>
  room(540) +
  rect(140, 150, 220, 390, C.wood, { stroke: C.primary, 'stroke-width': 10 }) +
  `<circle cx="320" cy="360" r="12" fill="${C.primary}"/>` +
  windowAt(520, 110, 240, 260) +
  windowAt(820, 110, 240, 260) +
  // A bench along the wall.
  rect(560, 500, 460, 30, C.secondary, { rx: 8 }) +
  rect(590, 530, 20, 90, C.primary) +
  rect(970, 530, 20, 90, C.primary);

/** What each drawing shows, and the reminder that it is not the place itself. */
const altText = (what: string, details: string) =>
  `Illustration ${what}\u00a0: ${details}. Image d’exemple, pas une photo de ce lieu.`;

export const SPACE_ILLUSTRATIONS: Record<SpaceKind, { draw: () => string; altText: string }> = {
  gymnasium: {
    draw: gymnasium,
    altText: altText('d’un gymnase', 'panier de basket, espaliers et lignes du terrain'),
  },
  multipurpose_hall: {
    draw: multipurposeHall,
    altText: altText('d’une salle polyvalente', 'une scène aux rideaux ouverts et des rangées de chaises'),
  },
  classroom: {
    draw: classroom,
    altText: altText('d’une salle de classe', 'un tableau blanc, des tables et des chaises'),
  },
  auditorium: {
    draw: auditorium,
    altText: altText('d’un auditorium', 'un écran au-dessus de la scène et des gradins de fauteuils'),
  },
  boarding: {
    draw: boarding,
    altText: altText('d’une chambre d’internat', 'deux lits superposés de part et d’autre d’une fenêtre'),
  },
  meeting_room: {
    draw: meetingRoom,
    altText: altText('d’une salle de réunion', 'une grande table entourée de chaises et un écran au mur'),
  },
  other: {
    draw: otherSpace,
    altText: altText('d’une salle', 'une porte, des fenêtres et un banc'),
  },
};

/** The drawing of `kind` as an SVG document. */
export function illustrationSvg(kind: SpaceKind): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ILLUSTRATION_WIDTH}" height="${ILLUSTRATION_HEIGHT}" ` +
    `viewBox="0 0 ${ILLUSTRATION_WIDTH} ${ILLUSTRATION_HEIGHT}">${SPACE_ILLUSTRATIONS[kind].draw()}</svg>`
  );
}
