// The world map's shapes, drawn once per process: Natural Earth's 1:110m countries (world-atlas, read
// from node_modules, never fetched nor sent to the browser as JSON) in the Equal Earth projection,
// as SVG path data in whole pixels of a fixed viewBox. Antarctica is left out: it holds no one to
// count and would take a fifth of the height.
//
// The path data is written small, which keeps the map a small part of a page: points rounded to
// whole pixels, repeats dropped, and each point given relative to the one before ("l3-1 4,2"), so
// most numbers are one digit. Rings that round to less than a triangle are dropped.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { UNNUMBERED, alpha2FromNumeric } from './iso-numeric.ts';

export const MAP_WIDTH = 960;
const PAD = 2;
const ANTARCTICA = '010';

export interface CountryShape {
  /** ISO 3166-1 alpha-2, or undefined for the few shapes left unmapped (see iso-numeric.ts). */
  iso2: string | undefined;
  /** Natural Earth's English name, for tests and logs only (pages take names from the i18n catalogs). */
  name: string;
  /** SVG path data in the map's viewBox. */
  d: string;
}

export interface MapGeometry {
  width: number;
  height: number;
  shapes: readonly CountryShape[];
}

type Point = [number, number];

/** A geoPath context that keeps the rings and writes them as compact relative path data. */
export class CompactPath {
  private out = '';
  private ring: Point[] = [];
  private at: Point = [0, 0];

  beginPath(): void {
    this.flush();
  }
  moveTo(x: number, y: number): void {
    this.flush();
    this.ring.push([Math.round(x), Math.round(y)]);
  }
  lineTo(x: number, y: number): void {
    this.ring.push([Math.round(x), Math.round(y)]);
  }
  closePath(): void {
    this.flush();
  }
  arc(): void {
    // geoPath draws arcs only for point features, which a countries layer has none of.
  }

  result(): string {
    this.flush();
    const d = this.out;
    this.out = '';
    this.at = [0, 0];
    return d;
  }

  private flush(): void {
    const points = this.ring.filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]);
    this.ring = [];
    const [first] = points;
    while (points.length > 1 && same(points[0]!, points.at(-1)!)) points.pop();
    if (!first || points.length < 3) return;
    points.forEach(([x, y], i) => {
      const dx = x - this.at[0];
      const dy = y - this.at[1];
      // After the first pair of a line the command repeats implicitly; a minus sign separates numbers.
      const lead = i === 0 ? 'm' : i === 1 ? 'l' : dx < 0 ? '' : ' ';
      this.out += `${lead}${dx}${dy < 0 ? '' : ','}${dy}`;
      this.at = [x, y];
    });
    this.out += 'z';
    this.at = first; // after "z" the current point is the ring's start again
  }
}

const same = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1];

function iso2Of(shape: Feature<Geometry, { name: string }>): string | undefined {
  if (shape.id === undefined) return UNNUMBERED[shape.properties.name] ?? undefined;
  return alpha2FromNumeric(String(shape.id));
}

function build(): MapGeometry {
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
  const topology = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const world = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const countries: FeatureCollection<Geometry, { name: string }> = {
    type: 'FeatureCollection',
    features: world.features.filter((f) => f.id !== ANTARCTICA),
  };
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH - 2 * PAD, countries);
  const [tx, ty] = projection.translate();
  projection.translate([tx + PAD, ty + PAD]);
  const height = Math.ceil(geoPath(projection).bounds(countries)[1][1]) + PAD;
  const context = new CompactPath();
  const draw = geoPath(projection, context);
  const shapes = countries.features.map((f) => {
    draw(f);
    return { iso2: iso2Of(f), name: f.properties.name, d: context.result() };
  });
  return { width: MAP_WIDTH, height, shapes };
}

let cached: MapGeometry | undefined;

/** The map's shapes, computed on first use and kept for the life of the process. */
export function mapGeometry(): MapGeometry {
  cached ??= build();
  return cached;
}
