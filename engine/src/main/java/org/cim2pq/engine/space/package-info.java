/**
 * CIM search spaces: tiles and their layers, candidate bit widths per precision kind, granularity (arraywise or the
 * layerwise baseline), per-tile sensitivity and pinned layers; decoding a genome into per-tile precisions.
 */
package org.cim2pq.engine.space;
