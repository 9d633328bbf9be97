import {Text} from 'ink';
import {memo} from 'react';
import {barItems, type Scope} from '../keymap.js';
import {toneColor, useTheme} from '../theme.js';

/** The one-line key bar, drawn from the keymap of the focused scope; items that do not fit are left out. */
export const KeyBar = memo(function KeyBar({scope, width}: {scope: Scope; width: number}) {
  const theme = useTheme();
  const shown: {keys: string; label: string}[] = [];
  let used = 0;
  for (const item of barItems(scope)) {
    const size = item.keys.length + 1 + item.label.length + (shown.length ? 2 : 0);
    if (used + size > width) break;
    used += size;
    shown.push(item);
  }
  return (
    <Text wrap="truncate">
      {shown.map((item, i) => (
        <Text key={item.label}>
          {i > 0 ? '  ' : ''}
          <Text bold color={toneColor(theme, 'accent')}>
            {item.keys}
          </Text>
          <Text dimColor={theme.color}> {item.label}</Text>
        </Text>
      ))}
    </Text>
  );
});
