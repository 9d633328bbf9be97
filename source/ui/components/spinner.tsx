import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {toneColor, useTheme} from '../theme.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A braille spinner; it animates only while mounted. */
export function Spinner({label}: {label: string}) {
  const theme = useTheme();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % frames.length), 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text>
      <Text color={toneColor(theme, 'accent')}>{frames[frame]}</Text> {label}
    </Text>
  );
}
