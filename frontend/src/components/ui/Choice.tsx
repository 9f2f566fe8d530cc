import type { ReactNode } from "react";

/** A group of mutually exclusive options shown as segmented buttons (native radios: keyboard and screen readers). */
export function Choice<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset className="choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className={option.value === props.value ? "choice-option selected" : "choice-option"}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={option.value === props.value}
            onChange={() => {
              props.onChange(option.value);
            }}
          />
          {option.label}
        </label>
      ))}
      {props.children}
    </fieldset>
  );
}
