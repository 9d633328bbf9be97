import {Text} from 'ink';
import {memo} from 'react';
import {barFitting, type Scope} from '../keymap.js';
import {toneColor, useTheme} from '../theme.js';

/** The one-line key bar, drawn from the keymap of the focused scope; items that do not fit are left out. */
export const KeyBar = memo(function KeyBar({scope, width}: {scope: Scope; width: number}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {barFitting(scope, width).map((item, i) => (
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
