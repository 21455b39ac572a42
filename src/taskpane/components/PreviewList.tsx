import { Text, makeStyles, tokens } from "@fluentui/react-components";

/** A bulleted list of sentences, as previews show them. */
export const useBulletStyles = makeStyles({
  bullets: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

/** A titled list of sentences in a preview; nothing when there are none. */
export function PreviewList({ title, items }: { title: string; items: string[] }) {
  const styles = useBulletStyles();
  if (items.length === 0) return null;
  return (
    <>
      <Text weight="semibold">{title}</Text>
      <ul className={styles.bullets}>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}
