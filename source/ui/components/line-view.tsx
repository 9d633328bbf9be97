import {Text} from 'ink';
import {memo} from 'react';
import type {Line} from '../lines.js';
import {toneColor, useTheme} from '../theme.js';

/** One pre-laid-out line: segments with tones, cut at the terminal's width. */
export const LineView = memo(function LineView({line}: {line: Line}) {
  const theme = useTheme();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate">
      {line.map((s, i) => (
        <Text key={i} color={toneColor(theme, s.tone)} bold={s.bold} inverse={s.inverse}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
});

/** A window of `height` lines starting at `scroll`, padded so the frame keeps its height. */
export function LinesWindow({
  lines,
  scroll,
  height,
}: {
  lines: Line[];
  scroll: number;
  height: number;
}) {
  const start = Math.max(0, Math.min(scroll, Math.max(0, lines.length - height)));
  const shown = lines.slice(start, start + height);
  const out = shown.map((line, i) => <LineView key={start + i} line={line} />);
  while (out.length < height) out.push(<Text key={`pad-${out.length}`}> </Text>);
  return <>{out}</>;
}
