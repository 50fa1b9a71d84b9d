/**
 * An attachment that puts a figure Observable Plot built (an SVG element, never HTML from data) into its container,
 * and takes it out again when the figure changes or the container goes: one for every chart (Charts.svelte,
 * LengthChart.svelte).
 * @example <div {@attach showFigure(chart)}></div>
 */
export const showFigure =
  (figure: Element | null) =>
  (node: HTMLElement): (() => void) => {
    if (figure) node.append(figure);
    return () => figure?.remove();
  };
